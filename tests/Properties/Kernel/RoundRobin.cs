using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// (d) A round-robin workload: n CPU-bound worker threads of one fixed priority and quantum, each
/// computing <paramref name="Work"/>[i] cycles, all on one CPU: the machine has one CPU, or they are
/// bound to CPU <paramref name="Cpu"/> (modulo the count) of a larger machine. The main thread
/// (better priority) makes them, starts them in order and exits.
/// </summary>
public sealed record RoundRobinWorkload(int Cpus, int CyclesPerTick, int Cpu, int Priority, int QuantumMs, int[] Work)
{
    /// <summary>The machine (1 MHz: a cycle is a microsecond).</summary>
    public MachineConfig Config => new() { CpuCount = Cpus, ClockHz = KernelWorkload.ClockHz, CyclesPerTick = CyclesPerTick };

    /// <summary>The CPU the workers share.</summary>
    public int SharedCpu => Cpus == 1 ? 0 : Cpu % Cpus;

    /// <summary>The quantum in ticks, as Mach's thread_policy computes it: the one asked for, rounded up to whole ticks; 0 asks for the minimum (hz/10).</summary>
    public int QuantumTicks
    {
        get
        {
            var tickMs = Config.TickPeriod.Nanoseconds / 1_000_000;
            var min = Math.Max(1, (int)Math.Round(Config.TicksPerSecond / SchedConstants.MinQuantumDivisor));
            return QuantumMs == 0 ? min : (int)Math.Max(1, (QuantumMs + tickMs - 1) / tickMs);
        }
    }

    /// <summary>The quantum as a duration.</summary>
    public Duration Quantum => Config.TickPeriod * QuantumTicks;

    /// <summary>1-4 CPUs, 2-5 workers of priority 8-20, quantum 0 (the minimum), 30 or 150 ms; each works 1 to 4 quanta.</summary>
    public static Gen<RoundRobinWorkload> Generator =>
        from cpus in Gen.Choose(1, 4)
        from tick in KernelWorkload.TickCycles
        from cpu in Gen.Choose(0, 3)
        from priority in Gen.Choose(8, 20)
        from quantum in Gen.Elements(0, 30, 150)
        from n in Gen.Choose(2, 5)
        let w = new RoundRobinWorkload(cpus, tick, cpu, priority, quantum, [])
        let q = (int)(w.Quantum.Nanoseconds / 1000)
        from work in Gen.ArrayOf(Gen.Choose(q, 4 * q), n)
        select w with { Work = work };

    /// <summary>Shrinks toward fewer CPUs and workers (never below two) and less work (never below a quantum).</summary>
    public static Arbitrary<RoundRobinWorkload> Arbitrary => Arb.From(Generator, w =>
        (w.Cpus > 1 ? [w with { Cpus = w.Cpus - 1 }] : Array.Empty<RoundRobinWorkload>())
            .Concat(Shrink.Remove(w.Work).Where(x => x.Length >= 2).Select(x => w with { Work = x }))
            .Concat(w.Work.Any(x => x > w.Quantum.Nanoseconds / 1000)
                ? [w with { Work = [.. w.Work.Select(x => (int)Math.Max(w.Quantum.Nanoseconds / 1000, x / 2))] }] : []));

    /// <summary>Runs the workload; returns the workers' ids, the log and how the run ended.</summary>
    public (long[] Workers, IReadOnlyList<KernelEvent> Log, RunOutcome Outcome, IReadOnlyList<ThreadFaulted> Faults) Run(RunMode mode)
    {
        var log = new KernelLog();
        using var system = mode.CreateSystem();
        var workers = new long[Work.Length];
        var programs = new ProgramRegistry().Register("main", async (env, _) =>
        {
            await env.ThreadPolicy(env.ThreadSelf, SchedPolicy.FixedPriority);
            var handles = new List<PortName>();
            for (var i = 0; i < Work.Length; i++)
            {
                var cycles = Work[i];
                var h = (await env.ThreadCreate(env.TaskSelf, async e => { await e.Compute(cycles); return null; }, "rr" + i)).Thread;
                workers[i] = await env.ThreadId(h) ?? 0;
                await env.ThreadPolicy(h, SchedPolicy.FixedPriority, QuantumMs);
                await env.ThreadPriority(h, Priority);
                if (Cpus > 1) await env.ThreadBind(h, SharedCpu);
                handles.Add(h);
            }
            foreach (var h in handles) await env.ThreadResume(h);
        });
        var machine = Machine.Boot(system, Config, programs, new SchedulerOptions { Observer = log });
        machine.StartTask("main", priority: WorkloadProgram.ControllerPriority);
        var outcome = WorkloadRun.RunUntilThreadsEnd(machine);
        return (workers, log.Events, outcome, machine.Status.Faults);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"RoundRobin(cpus={Cpus}, tick={CyclesPerTick / 1000}ms, shared cpu{SharedCpu}, fix{Priority}, quantum={QuantumTicks} ticks, work=[{string.Join(' ', Work)}])";
}

/// <summary>The round-robin check of (d), on the dispatch log.</summary>
public static class RoundRobinCheck
{
    /// <summary>
    /// With n workers of equal fixed priority sharing one CPU, taken from the log's dispatches of
    /// those workers (D, in order):
    /// <list type="number">
    /// <item>every worker is dispatched only on the shared CPU, and every worker is dispatched (none starves);</item>
    /// <item>the first n dispatches are n different workers (they start in FIFO order);</item>
    /// <item>between two consecutive dispatches of the same worker there are at most n - 1 dispatches of other workers;</item>
    /// <item>no slice but the last lasts more than a quantum (a slice ends with the CPU's next
    /// dispatch; while another worker waits, a quantum's end preempts), and a slice that is not its
    /// worker's last (it was preempted, not finished) lasts at least a quantum - 1 tick: the quantum is
    /// counted in clock ticks, and a worker dispatched at the very instant of a tick has that tick counted;</item>
    /// <item>a worker waits at most (n - 1) quanta between the end of one slice and its next dispatch.</item>
    /// </list>
    /// </summary>
    public static IEnumerable<string> Violations(IReadOnlyList<long> workers, IReadOnlyList<KernelEvent> log, int cpu, Duration quantum, Duration tick)
    {
        var n = workers.Count;
        var ids = workers.ToHashSet();
        var all = log.OfType<KernelEvent.Dispatched>().Where(d => d.Record.Cpu == cpu).ToList();
        var d = all.Where(e => ids.Contains(e.Record.ThreadId)).ToList();
        foreach (var e in log.OfType<KernelEvent.Dispatched>().Where(e => ids.Contains(e.Record.ThreadId) && e.Record.Cpu != cpu))
        {
            yield return $"#{e.Seq}: t{e.Record.ThreadId} dispatched on cpu{e.Record.Cpu}, not the shared cpu{cpu}";
        }
        foreach (var w in workers.Where(w => d.All(e => e.Record.ThreadId != w))) yield return $"t{w} was never dispatched";
        var first = d.Take(n).Select(e => e.Record.ThreadId).ToList();
        if (first.Distinct().Count() != Math.Min(n, d.Count)) yield return $"the first {n} dispatches are not {n} different workers: {string.Join(' ', first.Select(t => "t" + t))}";
        for (var i = 0; i + 1 < d.Count; i++)
        {
            var slice = SliceEnd(all, d[i]) - d[i].Record.At;
            if (slice > quantum) yield return $"#{d[i].Seq}: t{d[i].Record.ThreadId}'s slice lasted {slice} while others waited, more than a quantum ({quantum})";
        }
        var last = new Dictionary<long, int>();
        for (var i = 0; i < d.Count; i++)
        {
            var t = d[i].Record.ThreadId;
            if (last.TryGetValue(t, out var p))
            {
                if (i - p - 1 > n - 1) yield return $"#{d[i].Seq}: t{t} waited for {i - p - 1} other dispatches (n - 1 = {n - 1})";
                var sliceEnd = SliceEnd(all, d[p]);
                var slice = sliceEnd - d[p].Record.At;
                if (slice < quantum - tick) yield return $"#{d[p].Seq}: t{t} was preempted after {slice}, less than a quantum - 1 tick ({quantum - tick})";
                var wait = d[i].Record.At - sliceEnd;
                if (wait > quantum * (n - 1)) yield return $"#{d[i].Seq}: t{t} waited {wait} for the CPU, more than {n - 1} quanta";
            }
            last[t] = i;
        }
    }

    /// <summary>When the slice that <paramref name="dispatch"/> began ended: the CPU's next dispatch.</summary>
    private static VirtualTime SliceEnd(List<KernelEvent.Dispatched> cpuDispatches, KernelEvent.Dispatched dispatch) =>
        cpuDispatches.First(e => e.Seq > dispatch.Seq).Record.At;
}

/// <summary>(d) Threads of equal priority share the CPU round robin.</summary>
public class RoundRobinProperties
{
    [Fact] // 300 cases, controlled dispatcher, generated seeds (about 2 s)
    public void D_EqualPriorityThreadsShareTheCpuRoundRobin() =>
        PropCheck.Check(Prop.ForAll(RoundRobinWorkload.Arbitrary, RunMode.Seeds.ToArbitrary(), (workload, seed) =>
        {
            var (workers, log, outcome, faults) = workload.Run(RunMode.Controlled(seed));
            var liveness = (outcome == RunOutcome.ConditionMet ? [] : new[] { $"the run stopped with {outcome}" }).Concat(faults.Select(f => f.ToString()));
            KernelChecks.AssertNone(liveness.Concat(RoundRobinCheck.Violations(workers, log, workload.SharedCpu, workload.Quantum, workload.Config.TickPeriod)),
                workload);
        }), maxTest: 300);
}
