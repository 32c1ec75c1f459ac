using MachActors.Actors;
using MachActors.Actors.Tracing;
using MachActors.Kernel;

namespace MachActors.Bench;

/// <summary>
/// What every whole-machine benchmark workload shares: a fresh controlled actor system per run (fixed
/// seed, decision recording on, as in real use), the machine booted on it, the measured part's step
/// count, the determinism check (every run takes the steps of the first), whole verified warm-up runs,
/// and disposal. A workload prepares (untimed), runs (timed) and verifies (untimed, exact counts), so a
/// broken machine cannot produce a fast number.
/// </summary>
public abstract class MachineBenchWorkload
{
    /// <summary>The seed of every run.</summary>
    public const ulong Seed = 42;

    private long _stepsBefore;
    private long? _firstRunSteps;

    /// <summary>The run's actor system, once prepared.</summary>
    protected ActorSystem? System { get; private set; }

    /// <summary>The run's machine, once booted.</summary>
    protected Machine? Booted { get; set; }

    /// <summary>Runtime steps of the measured part of the last run, set by <see cref="Verify"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>Disposes any previous system and creates a fresh one named <paramref name="name"/>; the measured part starts now unless <see cref="StartMeasuring"/> moves it.</summary>
    protected ActorSystem NewSystem(string name, ITraceSink? trace)
    {
        System?.Dispose();
        System = ActorSystem.Create(name, new ActorSystemOptions { Seed = Seed, RecordDecisions = true, Trace = trace });
        Booted = null;
        _stepsBefore = System.TotalSteps;
        return System;
    }

    /// <summary>The measured part starts now (after an untimed set-up phase).</summary>
    protected void StartMeasuring() => _stepsBefore = Prepared.TotalSteps;

    /// <summary>The prepared system.</summary>
    /// <exception cref="InvalidOperationException">Not prepared.</exception>
    protected ActorSystem Prepared => System ?? throw new InvalidOperationException("Prepare first");

    /// <summary>The booted machine.</summary>
    /// <exception cref="InvalidOperationException">Not run.</exception>
    protected Machine Ran => Booted ?? throw new InvalidOperationException("Run first");

    /// <summary>Steps since the measured part started.</summary>
    protected long MeasuredSteps => Prepared.TotalSteps - _stepsBefore;

    /// <summary>Untimed: a fresh system (and whatever set-up the workload does before measuring), with default options.</summary>
    protected abstract void PrepareDefault();

    /// <summary>Timed: runs the measured part; returns its steps.</summary>
    public abstract long Run();

    /// <summary>Untimed: throws unless the last run was exactly right (see each workload); records its figures.</summary>
    public void Verify()
    {
        Steps = MeasuredSteps;
        Check();
        _firstRunSteps ??= Steps;
        if (Steps != _firstRunSteps) throw new InvalidOperationException($"{this}: {Steps} steps, but the first run took {_firstRunSteps}: not deterministic");
    }

    /// <summary>
    /// The checks every workload makes of its last run: exactly <paramref name="threads"/> threads
    /// started and none is left, no program faulted, no actor failed, and (unless
    /// <paramref name="cpuTime"/> is false) every CPU's busy and idle time add up to the elapsed time.
    /// Throws on any difference.
    /// </summary>
    protected void CheckMachine(long threads, bool cpuTime = true)
    {
        var status = Ran.Status;
        if (status.Faults.Count > 0) throw new InvalidOperationException($"{this}: a program faulted: {status.Faults[0]}");
        if (status.ThreadsStarted != threads || status.LiveThreads != 0)
        {
            throw new InvalidOperationException($"{this}: {status.ThreadsStarted} threads started, {status.LiveThreads} still live");
        }
        if (Prepared.FailureCount != 0) throw new InvalidOperationException($"{this}: {Prepared.FailureCount} actor failures");
        if (!cpuTime) return;
        foreach (var s in Ran.CpuStats())
        {
            if (s.Busy.Nanoseconds + s.Idle.Nanoseconds != s.At.Nanoseconds) throw new InvalidOperationException($"{this}: cpu{s.Cpu} lost time: {s}");
        }
    }

    /// <summary>The workload's own checks of the last run (counts, faults, data); throws on any difference.</summary>
    protected abstract void Check();

    /// <summary>
    /// Whole verified runs before measuring: the machine's code goes through tiered JIT and PGO only after
    /// several runs, more than the short job's warm-up covers. Also fixes the determinism reference.
    /// </summary>
    public void WarmUp(int runs)
    {
        for (var r = 0; r < runs; r++)
        {
            PrepareDefault();
            Run();
            Verify();
            Release();
        }
    }

    /// <summary>Disposes the actor system.</summary>
    public void Release()
    {
        System?.Dispose();
        System = null;
        Booted = null;
    }
}
