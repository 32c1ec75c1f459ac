using MachActors.Actors;

namespace MachActors.Tests.Coyote.StopRace;

/// <summary>
/// Owns the worker. Its seeded bug: on Shutdown it stops the worker and closes the ledger in the
/// same breath, assuming a stopped worker charges nothing more. But a stop is a system message
/// that races with the worker's mail: the worker can still handle a Charge already in its mailbox.
/// The correct version (<paramref name="closeAfterStop"/>) watches the worker and closes the
/// ledger only on its Terminated.
/// </summary>
public sealed class Supervisor(IActorRef ledger, bool closeAfterStop) : Actor
{
    private IActorRef? _worker;

    /// <summary>Spawns the worker.</summary>
    protected override void PreStart() => _worker = Context.Spawn(Props.Create(() => new Worker(ledger)), "worker");

    /// <summary>
    /// GetWorker: replies with the worker's ref. Shutdown: stops the worker, and closes the ledger
    /// at once (buggy) or after the worker's Terminated (correct). Replies: the worker's ref.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case GetWorker:
                Sender.Tell(_worker!, Self);
                break;
            case Shutdown when closeAfterStop:
                Context.Watch(_worker!);
                Context.Stop(_worker!);
                break;
            case Shutdown:
                Context.Stop(_worker!);
                ledger.Tell(Close.Instance, Self);
                break;
            case Terminated:
                ledger.Tell(Close.Instance, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
