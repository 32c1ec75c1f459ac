using MachActors.Actors.Dispatch;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Supervision;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;

namespace MachActors.Actors;

/// <summary>How an <see cref="ActorSystem"/> runs. Every property has a sensible default.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>Which dispatcher runs the actors. Default: <see cref="DispatcherKind.Controlled"/> (deterministic).</summary>
    public DispatcherKind Dispatcher { get; init; } = DispatcherKind.Controlled;

    /// <summary>The run's seed: the default strategy draws from it (and the parallel dispatcher's ChooseBool/Int).</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Controlled dispatcher only: the strategy making every scheduling choice. Default:
    /// <see cref="RandomStrategy"/> seeded with <see cref="Seed"/>. A strategy instance serves one system.
    /// </summary>
    public ISchedulingStrategy? Strategy { get; init; }

    /// <summary>Controlled dispatcher only: keep every decision so the run can be replayed. Default: on.</summary>
    public bool RecordDecisions { get; init; } = true;

    /// <summary>Parallel dispatcher only: units of work per actor turn before it yields its thread. Default 30.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Receives every runtime event (send, deliver, spawn, stop, timer, choice, dead letter, fault). Default: none.</summary>
    public ITraceSink? Trace { get; init; }

    /// <summary>How the /user guardian supervises top-level actors. Default: <see cref="SupervisorStrategy.Default"/>.</summary>
    public SupervisorStrategy? GuardianStrategy { get; init; }

    /// <summary>Ask's timeout when none is given, in virtual time. Default 3 s (Akka.NET's default).</summary>
    public Duration AskTimeout { get; init; } = Duration.FromSeconds(3);

    /// <summary>Step budget of a Run call that names none; a run that hits it is a livelock or needs a bigger budget. Default 100 M.</summary>
    public long MaxStepsPerRun { get; init; } = 100_000_000;
}
