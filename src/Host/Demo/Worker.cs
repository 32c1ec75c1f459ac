using MachActors.Actors;

namespace MachActors.Host.Demo;

/// <summary>
/// Ticks on a periodic virtual-time timer; each tick adds to the counter and greets a peer chosen
/// by the scheduling strategy (Context.ChooseInt). May fail once (<see cref="WorkerSpec.FailAt"/>)
/// and may retire after a quota of ticks.
/// </summary>
internal sealed class Worker(WorkerSpec spec, IActorRef counter) : Actor
{
    private IReadOnlyList<IActorRef> _peers = [];
    private int _ticks;

    /// <summary>Starts the tick timer (also after a restart, through PostRestart).</summary>
    protected override void PreStart() => Context.Timers.StartPeriodicTimer("tick", Tick.Instance, spec.Interval);

    /// <summary>Tells the supervisor it is running again, so that it re-introduces the peers; then starts ticking.</summary>
    protected override void PostRestart(Exception reason)
    {
        Context.Parent.Tell(new WorkerRestarted(spec.Index, reason.Message), Self);
        base.PostRestart(reason);
    }

    /// <summary>
    /// Tick: throws <see cref="WorkerFault"/> at the planned instant; otherwise tells the counter
    /// Add (reply Added), greets one peer with Hello (no reply), and stops itself once the quota is
    /// reached. Introduce: replaces the peer list. Added, Hello: accepted, nothing to do.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Tick:
                OnTick();
                break;
            case Introduce introduce:
                _peers = introduce.Peers;
                break;
            case Added or Hello:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnTick()
    {
        _ticks++;
        if (spec.FailAt == Context.Now)
        {
            throw new WorkerFault($"simulated fault in {spec.Name} at {Context.Now}");
        }
        counter.Tell(new Add(spec.Index, spec.Index), Self);
        if (_peers.Count > 0) _peers[Context.ChooseInt(_peers.Count)].Tell(new Hello(spec.Index), Self);
        if (spec.Quota > 0 && _ticks >= spec.Quota) Context.Stop(Self);
    }
}
