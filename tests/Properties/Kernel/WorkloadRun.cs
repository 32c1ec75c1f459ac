using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>The machine's accounting at one instant: every thread's information and every CPU's ledger.</summary>
public sealed record AccountingSnapshot(IReadOnlyList<ThreadBasicInfo> Threads, IReadOnlyList<CpuStats> Cpus)
{
    /// <summary>Threads whose thread_info failed.</summary>
    public int Missing { get; init; }
}

/// <summary>What one run of a <see cref="KernelWorkload"/> produced.</summary>
public sealed record WorkloadReport(
    RunOutcome Outcome, IReadOnlyList<KernelEvent> Log, AccountingSnapshot? Midway, AccountingSnapshot End,
    int[] Counters, IReadOnlyList<ThreadFaulted> Faults)
{
    /// <summary>The run finished: every thread ended, no program faulted.</summary>
    public IEnumerable<string> Liveness()
    {
        if (Outcome != RunOutcome.ConditionMet) yield return $"the threads did not all end: the run stopped with {Outcome}" + (Outcome == RunOutcome.StepLimitReached ? " (a livelock)" : "");
        foreach (var f in Faults) yield return $"a program faulted: {f}";
    }
}

/// <summary>Runs a <see cref="KernelWorkload"/> on a booted machine and checks its CPU accounting.</summary>
public static class WorkloadRun
{
    /// <summary>Virtual time a workload may take: far more than the slowest generated one needs.</summary>
    public static readonly Duration Budget = Duration.FromSeconds(300);

    /// <summary>Steps a workload may take before the run counts as a livelock.</summary>
    public const long MaxSteps = 3_000_000;

    /// <summary>
    /// Boots the machine in <paramref name="mode"/> with the run's log as scheduler observer, starts the
    /// controller at fixed priority 6, optionally takes an accounting snapshot after
    /// <paramref name="snapshotAt"/> (controlled runs without early timers only: everything due at that
    /// instant delivered first, so that the host's questions run nothing else and no time passes while
    /// it asks), runs until every thread ended, and takes the final snapshot.
    /// </summary>
    public static WorkloadReport Run(KernelWorkload workload, RunMode mode, Duration? snapshotAt = null, long maxSteps = MaxSteps)
    {
        var log = new KernelLog();
        using var system = mode.CreateSystem();
        var program = new WorkloadProgram(workload, log);
        var programs = new ProgramRegistry().Register("main", program.Main);
        var machine = Machine.Boot(system, workload.Config, programs, new SchedulerOptions { Affinity = workload.Affinity, Observer = log });
        machine.StartTask("main", priority: WorkloadProgram.ControllerPriority);
        AccountingSnapshot? midway = null;
        if (snapshotAt is { } at && mode is { Dispatcher: DispatcherKind.Controlled, EarlyTimers: 0 })
        {
            system.RunFor(at, maxSteps);
            system.RunUntilIdle(maxSteps);
            midway = Snapshot(machine);
        }
        var outcome = RunUntilThreadsEnd(machine, maxSteps);
        var end = outcome == RunOutcome.ConditionMet ? Snapshot(machine) : new AccountingSnapshot([], []);
        return new WorkloadReport(outcome, log.Events, midway, end, program.Counters, machine.Status.Faults);
    }

    /// <summary>Every thread's information and every CPU's ledger; a thread whose thread_info failed is left out (and reported by the check).</summary>
    /// <summary>Steps one instant of virtual time may take before the run counts as a livelock (a healthy instant takes a few dozen).</summary>
    public const long InstantSteps = 20_000;

    /// <summary>
    /// Runs until every thread ended (ConditionMet), <see cref="Budget"/> of virtual time passed
    /// (DeadlineReached), <paramref name="maxSteps"/> steps were taken, or <see cref="InstantSteps"/>
    /// steps went by without the clock moving (StepLimitReached: messages chase each other at one instant).
    /// </summary>
    public static RunOutcome RunUntilThreadsEnd(Machine machine, long maxSteps = MaxSteps)
    {
        var system = machine.System;
        var deadline = system.Now + Budget;
        for (long steps = 0; steps < maxSteps;)
        {
            var before = system.Now;
            var result = system.RunUntil(() => machine.Status.LiveThreads == 0, deadline - system.Now, InstantSteps);
            steps += result.Steps;
            if (result.Outcome != RunOutcome.StepLimitReached || result.Now == before) return result.Outcome;
        }
        return RunOutcome.StepLimitReached;
    }

    private static AccountingSnapshot Snapshot(Machine machine)
    {
        var threads = machine.Threads();
        return new AccountingSnapshot([.. threads.Where(t => t is not null)], machine.CpuStats()) { Missing = threads.Count(t => t is null) };
    }

    /// <summary>
    /// (c) CPU time is conserved at a snapshot taken with nothing left to deliver at its instant:
    /// <list type="bullet">
    /// <item>each CPU: busy + idle = its clock reading (every nanosecond since boot is counted once), and
    /// its per-thread ledger sums to its busy time;</item>
    /// <item>each thread: the CPU time the kernel reports (thread_info, ended threads included) equals
    /// what the CPUs' ledgers charged it, except that a thread on a CPU may not yet have reported up
    /// to one tick of it;</item>
    /// <item>so (once no thread is on a CPU) the threads' CPU time plus the CPUs' idle time equals
    /// CPUs x elapsed virtual time.</item>
    /// </list>
    /// </summary>
    public static IEnumerable<string> CpuTimeConserved(AccountingSnapshot s, Duration tick)
    {
        if (s.Missing > 0) yield return $"thread_info failed for {s.Missing} thread(s)";
        var ledger = new Dictionary<long, long>();
        foreach (var cpu in s.Cpus)
        {
            if (cpu.Busy.Nanoseconds + cpu.Idle.Nanoseconds != cpu.At.Nanoseconds)
            {
                yield return $"cpu{cpu.Cpu}: busy {cpu.Busy} + idle {cpu.Idle} != elapsed {cpu.At}";
            }
            var charged = cpu.ByThread.Values.Sum(d => d.Nanoseconds);
            if (charged != cpu.Busy.Nanoseconds) yield return $"cpu{cpu.Cpu}: threads charged {charged} ns but busy {cpu.Busy}";
            foreach (var (thread, time) in cpu.ByThread) ledger[thread] = ledger.GetValueOrDefault(thread) + time.Nanoseconds;
        }
        var running = s.Cpus.Where(c => c.CurrentThread is not null).ToDictionary(c => c.CurrentThread!.Value, c => c.Cpu);
        foreach (var t in s.Threads)
        {
            var id = t.Thread.Id;
            var unreported = ledger.GetValueOrDefault(id) - t.CpuTime.Nanoseconds;
            var limit = running.ContainsKey(id) ? tick.Nanoseconds : 0;
            if (unreported < 0 || unreported > limit)
            {
                yield return $"{t.Thread} ({t.State}): the kernel reports {t.CpuTime} of CPU, the CPUs charged it {Duration.FromNanoseconds(ledger.GetValueOrDefault(id))}"
                    + (running.ContainsKey(id) ? $" (it is on cpu{running[id]}: up to one tick may be unreported)" : "");
            }
        }
        var known = s.Threads.Select(t => t.Thread.Id).ToHashSet();
        foreach (var id in ledger.Keys.Where(id => !known.Contains(id))) yield return $"the CPUs charged t{id}, which the kernel does not list";
        if (running.Count == 0)
        {
            var total = s.Threads.Sum(t => t.CpuTime.Nanoseconds) + s.Cpus.Sum(c => c.Idle.Nanoseconds);
            var capacity = s.Cpus.Sum(c => c.At.Nanoseconds);
            if (total != capacity) yield return $"thread CPU time + idle time = {total} ns, but CPUs x elapsed = {capacity} ns";
        }
    }
}
