using MachActors.Actors;

namespace MachActors.Bench.Actors;

/// <summary>Replies to every ping with the same message.</summary>
public sealed class Ponger : Actor
{
    protected override void OnReceive(object message)
    {
        if (message is Ping) Sender.Tell(message, Self);
        else Unhandled(message);
    }
}
