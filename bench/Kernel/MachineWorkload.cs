using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;

namespace MachActors.Bench.Kernel;

/// <summary>What every simulated thread of a <see cref="MachineWorkload"/> does in its loop.</summary>
public enum LoopKind
{
    /// <summary><c>await env.Yield()</c>: every iteration is a trap and a context switch through the processor set.</summary>
    Yield,

    /// <summary><c>await env.Compute(ComputeCycles)</c>: every iteration is a trap and a compute segment, no switch.</summary>
    Compute,
}

/// <summary>
/// One deterministic run of the simulated machine on the controlled dispatcher (fixed seed,
/// decision recording on, as in real use): <see cref="Threads"/> tasks of one thread each, every
/// thread looping <see cref="Loops"/> times over a yield or a small compute, on <see cref="Cpus"/>
/// CPUs. <see cref="Prepare"/> creates the actor system (not measured); <see cref="Run"/> boots the
/// machine, starts the tasks and runs until every thread has ended (measured);
/// <see cref="Verify"/> checks the counts exactly (not measured), so a broken machine cannot
/// produce a fast number.
/// </summary>
/// <remarks>
/// Expected counts, with no preemption (equal priorities; a yield or compute lasts microseconds of
/// virtual time, far below the 100 ms quantum): every thread is dispatched once at start and once
/// after each yield, so context switches = threads x (loops + 1) for yields and = threads for
/// computes; traps = threads x loops (the return from the program is an exit, not a trap).
/// </remarks>
public sealed class MachineWorkload : MachineBenchWorkload
{
    /// <summary>Cycles per compute trap: 100 cycles = 4 us of virtual time at the default 25 MHz (250,000 cycles per 10 ms tick).</summary>
    public const long ComputeCycles = 100;

    private const string ProgramName = "loop";

    /// <summary>A workload of <paramref name="threads"/> threads on <paramref name="cpus"/> CPUs, each looping <paramref name="loops"/> times.</summary>
    public MachineWorkload(LoopKind kind, int cpus, int threads, int loops)
    {
        Kind = kind;
        Cpus = cpus;
        Threads = threads;
        Loops = loops;
    }

    public LoopKind Kind { get; }

    public int Cpus { get; }

    public int Threads { get; }

    public int Loops { get; }

    /// <summary>Context switches a correct run makes.</summary>
    public long ExpectedSwitches => Kind == LoopKind.Yield ? (long)Threads * (Loops + 1) : Threads;

    /// <summary>Traps a correct run takes.</summary>
    public long ExpectedTraps => (long)Threads * Loops;

    /// <summary>The benchmark's operation count: switches for yields, traps for computes.</summary>
    public long Operations => Kind == LoopKind.Yield ? ExpectedSwitches : ExpectedTraps;

    /// <summary>Decisions recorded by the controlled dispatcher in the last run, set by <see cref="Verify"/>.</summary>
    public long Decisions { get; private set; }

    /// <summary>Virtual time the last run took, set by <see cref="Verify"/>.</summary>
    public Duration VirtualElapsed { get; private set; }

    /// <summary>Creates a fresh controlled actor system (the machine is booted by <see cref="Run"/>); <paramref name="trace"/> for the step report only.</summary>
    public void Prepare(ITraceSink? trace = null)
    {
        NewSystem("kbench", trace);
    }

    /// <inheritdoc />
    protected override void PrepareDefault() => Prepare();

    /// <summary>Boots the machine, starts one task per thread, runs until every thread has ended; returns the run's steps.</summary>
    public override long Run()
    {
        var system = Prepared;
        var loops = Loops;
        var programs = new ProgramRegistry().Register(ProgramName, Kind == LoopKind.Yield
            ? async (env, _) =>
            {
                for (var i = 0; i < loops; i++) await env.Yield();
            }
            : async (env, _) =>
            {
                for (var i = 0; i < loops; i++) await env.Compute(ComputeCycles);
            });
        Booted = Machine.Boot(system, new MachineConfig { CpuCount = Cpus }, programs);
        for (var t = 0; t < Threads; t++) Booted.StartTask(ProgramName, name: "t" + t.ToString(CultureInfo.InvariantCulture));
        var result = Booted.RunUntilThreadsEnd(Duration.FromSeconds(3_600), maxSteps: 100 * Operations + 10_000);
        if (result.Outcome != RunOutcome.ConditionMet) throw new InvalidOperationException($"{this}: the threads did not all end: {result}");
        return MeasuredSteps;
    }

    /// <summary>
    /// Throws unless the last run ended every thread without a fault, made exactly the expected
    /// context switches and traps, conserved CPU time, and took the same number of steps as the
    /// first run (determinism). Records <see cref="Steps"/>, <see cref="Decisions"/>, <see cref="VirtualElapsed"/>.
    /// </summary>
    protected override void Check()
    {
        var system = Prepared;
        var machine = Ran;
        Decisions = system.Dispatcher.DecisionCount;
        VirtualElapsed = system.Now - VirtualTime.Zero;
        CheckMachine(Threads);
        var stats = machine.CpuStats();
        var switches = stats.Sum(s => s.ContextSwitches);
        var traps = stats.Sum(s => s.Traps);
        if (switches != ExpectedSwitches || traps != ExpectedTraps)
        {
            throw new InvalidOperationException($"{this}: {switches} context switches and {traps} traps, expected {ExpectedSwitches} and {ExpectedTraps}");
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} x {Loops} on {Threads} thread{(Threads == 1 ? "" : "s")} / {Cpus} CPU{(Cpus == 1 ? "" : "s")}");
}
