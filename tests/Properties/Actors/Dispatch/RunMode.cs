using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Tracing;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>
/// How a generated workload runs: the controlled dispatcher under a seeded random strategy, or the
/// parallel dispatcher with a throughput (small throughputs switch actors more often).
/// </summary>
public sealed record RunMode(DispatcherKind Dispatcher, ulong Seed, int Throughput, double EarlyTimers = 0)
{
    /// <summary>Controlled dispatcher, <see cref="RandomStrategy"/> with this seed.</summary>
    public static RunMode Controlled(ulong seed, double earlyTimers = 0) => new(DispatcherKind.Controlled, seed, 30, earlyTimers);

    /// <summary>Parallel dispatcher with this throughput.</summary>
    public static RunMode Parallel(int throughput) => new(DispatcherKind.Parallel, 0, throughput);

    /// <summary>Any 64-bit seed (not shrunk: a smaller seed is not a simpler schedule).</summary>
    public static Gen<ulong> Seeds =>
        from hi in Gen.Choose(0, int.MaxValue)
        from lo in Gen.Choose(0, int.MaxValue)
        select ((ulong)(uint)hi << 32) ^ (uint)lo;

    /// <summary>Controlled runs with a generated seed.</summary>
    public static Gen<RunMode> ControlledModes => Seeds.Select(s => Controlled(s));

    /// <summary>Parallel runs with a throughput of 1, 2, 5 or the default 30.</summary>
    public static Gen<RunMode> ParallelModes => Gen.Elements(1, 2, 5, 30).Select(Parallel);

    /// <summary>The system options for this mode.</summary>
    public ActorSystemOptions Options(ITraceSink? trace = null) => new()
    {
        Dispatcher = Dispatcher,
        Seed = Seed,
        Throughput = Throughput,
        Strategy = Dispatcher == DispatcherKind.Controlled ? new RandomStrategy(Seed, EarlyTimers) : null,
        Trace = trace,
    };

    /// <summary>A fresh system in this mode.</summary>
    public ActorSystem CreateSystem(ITraceSink? trace = null) => ActorSystem.Create("prop", Options(trace));

    /// <inheritdoc />
    public override string ToString() => Dispatcher == DispatcherKind.Controlled
        ? EarlyTimers == 0 ? $"controlled(seed={Seed})" : $"controlled(seed={Seed}, early-timers={EarlyTimers})"
        : $"parallel(throughput={Throughput})";
}
