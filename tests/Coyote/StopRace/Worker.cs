using MachActors.Actors;

namespace MachActors.Tests.Coyote.StopRace;

/// <summary>Passes every charge on to the ledger.</summary>
public sealed class Worker(IActorRef ledger) : Actor
{
    /// <summary>Charge: tells the ledger Charged. Replies: none.</summary>
    protected override void OnReceive(object message)
    {
        if (message is Charge c) ledger.Tell(new Charged(c.Amount), Self);
        else Unhandled(message);
    }
}
