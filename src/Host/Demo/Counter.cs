using MachActors.Actors;

namespace MachActors.Host.Demo;

/// <summary>Keeps a running total that workers add to.</summary>
internal sealed class Counter : Actor
{
    private long _total;
    private int _adds;

    /// <summary>
    /// Add: adds the amount and replies <see cref="Added"/> with the new total to the sender (a
    /// stopped sender turns the reply into a dead letter). GetTotal: replies <see cref="CounterTotal"/>.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Add add:
                _total += add.Amount;
                _adds++;
                Sender.Tell(new Added(_total), Self);
                break;
            case GetTotal:
                Sender.Tell(new CounterTotal(_total, _adds), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
