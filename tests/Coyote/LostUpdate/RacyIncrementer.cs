using MachActors.Actors;

namespace MachActors.Tests.Coyote.LostUpdate;

/// <summary>
/// The seeded bug: increments the register by reading it and then writing value + 1, with no lock
/// and no check. Two of these can both read the same value, and one increment is lost.
/// </summary>
public sealed class RacyIncrementer(IActorRef register) : Actor
{
    /// <summary>Starts the increment: Read.</summary>
    protected override void PreStart() => register.Tell(Read.Instance, Self);

    /// <summary>ReadResult(v): writes v + 1 (the race window is between the read and this write). Written: done.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReadResult r:
                register.Tell(new Write(r.Value + 1), Self);
                break;
            case Written:
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
