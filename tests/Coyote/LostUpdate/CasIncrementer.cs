using MachActors.Actors;

namespace MachActors.Tests.Coyote.LostUpdate;

/// <summary>
/// The correct version: the same read-modify-write, but the write is a compare-and-set that is
/// retried with the current value until it succeeds, so no increment is lost.
/// </summary>
public sealed class CasIncrementer(IActorRef register) : Actor
{
    /// <summary>Starts the increment: Read.</summary>
    protected override void PreStart() => register.Tell(Read.Instance, Self);

    /// <summary>
    /// ReadResult(v): CompareAndSet(v, v + 1). CasResult: done when it succeeded, else retries with
    /// CompareAndSet(current, current + 1).
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReadResult r:
                register.Tell(new CompareAndSet(r.Value, r.Value + 1), Self);
                break;
            case CasResult { Succeeded: false } failed:
                register.Tell(new CompareAndSet(failed.Current, failed.Current + 1), Self);
                break;
            case CasResult:
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
