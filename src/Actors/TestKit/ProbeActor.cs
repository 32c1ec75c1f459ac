namespace MachActors.Actors.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: queues every message for the test to inspect.</summary>
internal sealed class ProbeActor(TestProbe probe) : Actor
{
    /// <summary>
    /// Preconditions: none. Effects: probe commands change what the actor watches; every other
    /// message (Terminated included) is queued with its sender and arrival time, and the driver is
    /// woken so a waiting expectation can return. Replies: none.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProbeWatch w:
                Context.Watch(w.Target);
                break;
            case ProbeUnwatch u:
                Context.Unwatch(u.Target);
                break;
            default:
                probe.Enqueue(new ReceivedMessage(message, Sender, Context.Now));
                break;
        }
    }
}
