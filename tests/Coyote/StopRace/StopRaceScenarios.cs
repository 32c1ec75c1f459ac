using MachActors.Actors;

namespace MachActors.Tests.Coyote.StopRace;

/// <summary>
/// A charge is in the worker's mailbox when the supervisor shuts it down. Whether the worker
/// handles it before its stop is a race between a user message and a system message: the
/// controlled dispatcher delivers system messages first unless its strategy orders the user
/// message first (RandomStrategy's userFirstProbability), as the parallel dispatcher can.
/// </summary>
public static class StopRaceScenarios
{
    /// <summary>The supervisor closes the ledger as soon as it has asked the worker to stop (buggy).</summary>
    public static string? CloseAtOnce(ActorSystem system) => Run(system, closeAfterStop: false);

    /// <summary>The supervisor closes the ledger on the worker's Terminated (correct).</summary>
    public static string? CloseAfterTerminated(ActorSystem system) => Run(system, closeAfterStop: true);

    private static string? Run(ActorSystem system, bool closeAfterStop)
    {
        var ledger = system.Spawn(Props.Create<Ledger>(), "ledger");
        var supervisor = system.Spawn(Props.Create(() => new Supervisor(ledger, closeAfterStop)), "supervisor");
        var worker = supervisor.Ask<IActorRef>(GetWorker.Instance).GetAwaiter().GetResult();
        worker.Tell(new Charge(1), null);
        supervisor.Tell(Shutdown.Instance, null);
        system.RunUntilQuiescent();
        return null;
    }
}
