using MachActors.Actors;

namespace MachActors.Bench.Actors;

/// <summary>
/// Drives a ping-pong run: on <see cref="Start"/> sends <c>InFlight</c> pings to the peer, then one
/// more per reply until <c>RoundTrips</c> replies have arrived. Goes quiet when done, so the host
/// sees the run end as quiescence. Reusable: every Start resets the counters.
/// </summary>
public sealed class Pinger : Actor
{
    private IActorRef? _peer;
    private long _target;
    private long _sent;
    private long _received;

    /// <summary>Replies received in the current run (read by the host after quiescence).</summary>
    public long Received => _received;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Ping ping:
                if (++_received == _target) return;
                if (_sent < _target)
                {
                    _sent++;
                    _peer!.Tell(ping, Self);
                }
                break;
            case Start start:
                _peer = start.Peer;
                _target = start.RoundTrips;
                _sent = _received = 0;
                var first = Math.Min(start.InFlight, start.RoundTrips);
                for (; _sent < first; _sent++) _peer.Tell(Ping.Instance, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
