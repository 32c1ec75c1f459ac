using MachActors.Actors;

namespace MachActors.Bench.Actors;

/// <summary>A trivial handler: passes every token to the next node of the ring.</summary>
public sealed class RingNode : Actor
{
    private IActorRef? _next;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Token: _next!.Tell(message, Self); break;
            case SetNext set: _next = set.Next; break;
            default: Unhandled(message); break;
        }
    }
}
