using FsCheck;
using FsCheck.Fluent;
using MachActors.Hardware;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>One step of a worker thread's program.</summary>
public abstract record Step
{
    /// <summary>Compute <paramref name="Cycles"/> cycles.</summary>
    public sealed record Compute(int Cycles) : Step
    {
        /// <inheritdoc />
        public override string ToString() => $"c{Cycles}";
    }

    /// <summary>cthread_yield.</summary>
    public sealed record Yield : Step
    {
        /// <inheritdoc />
        public override string ToString() => "y";
    }

    /// <summary>Lock mutex <paramref name="Mutex"/> of the worker's task, increment its counter around a compute of <paramref name="Cycles"/>, unlock.</summary>
    public sealed record Locked(int Mutex, int Cycles) : Step
    {
        /// <inheritdoc />
        public override string ToString() => $"m{Mutex}:{Cycles}";
    }

    /// <summary>Join worker <paramref name="Target"/> (only an earlier worker nobody else joins: see <see cref="KernelWorkload.JoinPlan"/>).</summary>
    public sealed record Join(int Target) : Step
    {
        /// <inheritdoc />
        public override string ToString() => $"j{Target}";
    }

    /// <summary>thread_switch (handoff) to worker <paramref name="Target"/>.</summary>
    public sealed record SwitchTo(int Target) : Step
    {
        /// <inheritdoc />
        public override string ToString() => $"s{Target}";
    }
}

/// <summary>What the controller (the main thread, fixed priority 6: better than every worker) does after starting the workers.</summary>
public abstract record ControlOp
{
    /// <summary>thread_suspend a worker, check it stays stopped with its CPU time frozen for <paramref name="Hold"/> cycles, thread_resume.</summary>
    public sealed record SuspendThread(int Thread, int Hold) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"st{Thread}/{Hold}";
    }

    /// <summary>task_suspend a task, check its threads stay stopped with their CPU time frozen for <paramref name="Hold"/> cycles, task_resume.</summary>
    public sealed record SuspendTask(int Task, int Hold) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"sk{Task}/{Hold}";
    }

    /// <summary>Compute for <paramref name="Cycles"/>.</summary>
    public sealed record Pause(int Cycles) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"p{Cycles}";
    }

    /// <summary>Bind a worker to CPU <paramref name="Cpu"/> (modulo the CPU count) or, when negative, unbind it.</summary>
    public sealed record Bind(int Thread, int Cpu) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => Cpu < 0 ? $"unbind{Thread}" : $"bind{Thread}@{Cpu}";
    }

    /// <summary>thread_assign a worker to processor set <paramref name="Set"/> (0: the default set, 1: the controller's second set).</summary>
    public sealed record AssignThread(int Thread, int Set) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"assign{Thread}>ps{Set}";
    }

    /// <summary>task_assign a task (with its threads) to processor set <paramref name="Set"/>.</summary>
    public sealed record AssignTask(int Task, int Set) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"assignT{Task}>ps{Set}";
    }

    /// <summary>processor_assign CPU <paramref name="Cpu"/> (modulo the count; CPU 0 cannot move) to processor set <paramref name="Set"/>.</summary>
    public sealed record AssignCpu(int Cpu, int Set) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"cpu{Cpu}>ps{Set}";
    }

    /// <summary>thread_priority of a worker.</summary>
    public sealed record Reprioritize(int Thread, int Priority) : ControlOp
    {
        /// <inheritdoc />
        public override string ToString() => $"pri{Thread}={Priority}";
    }
}

/// <summary>A worker thread: in task <paramref name="Task"/> (modulo the task count), its priority, policy, and program.</summary>
public sealed record ThreadSpec(int Task, int Priority, bool Fixed, int QuantumMs, Step[] Steps)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"T{Task}/{(Fixed ? "fix" : "ts")}{Priority}{(Fixed && QuantumMs > 0 ? "q" + QuantumMs : "")}[{string.Join(' ', (object[])Steps)}]";
}

/// <summary>
/// A generated machine workload: a machine of <paramref name="Cpus"/> CPUs (1 MHz, a tick of
/// <paramref name="CyclesPerTick"/> cycles), worker tasks and threads with priorities and programs,
/// mutexes, and the controller's operations. Indices are read leniently (modulo the counts, or skipped
/// when meaningless), so that dropping any thread, step or operation still leaves a valid workload:
/// the shrinker only ever removes or shortens.
/// </summary>
public sealed record KernelWorkload(int Cpus, int CyclesPerTick, bool Affinity, int Tasks, int Mutexes, ThreadSpec[] Threads, ControlOp[] Control)
{
    /// <summary>The machine's clock rate: 1 MHz, so a cycle is a microsecond.</summary>
    public const long ClockHz = 1_000_000;

    /// <summary>The machine this workload runs on.</summary>
    public MachineConfig Config => new() { CpuCount = Cpus, ClockHz = ClockHz, CyclesPerTick = CyclesPerTick };

    /// <summary>Worker <paramref name="thread"/>'s task index.</summary>
    public int TaskOf(int thread) => Threads[thread].Task % Tasks;

    /// <summary>
    /// Which join steps run: worker i's Join(t) is kept when t &lt; i and no earlier step claimed t
    /// (joins go only to earlier workers, each joined once: no join cycle, no double join). The
    /// controller joins every worker nobody else joins.
    /// </summary>
    public (HashSet<(int Thread, int Step)> Active, bool[] JoinedByWorker) JoinPlan()
    {
        var active = new HashSet<(int, int)>();
        var joined = new bool[Threads.Length];
        for (var i = 0; i < Threads.Length; i++)
        {
            for (var k = 0; k < Threads[i].Steps.Length; k++)
            {
                if (Threads[i].Steps[k] is not Step.Join { Target: var t } || t >= i || joined[t]) continue;
                joined[t] = true;
                active.Add((i, k));
            }
        }
        return (active, joined);
    }

    /// <summary>
    /// Increments each mutex's counter receives (one per Locked step). Mutexes are memory of one task:
    /// each task has <see cref="Mutexes"/> of its own, task k's mutex m at index k x Mutexes + m.
    /// </summary>
    public int[] ExpectedCounters()
    {
        var counts = new int[Tasks * Mutexes];
        for (var i = 0; i < Threads.Length; i++)
        {
            foreach (var step in Threads[i].Steps) if (step is Step.Locked l) counts[(TaskOf(i) * Mutexes) + (l.Mutex % Mutexes)]++;
        }
        return counts;
    }

    /// <summary>Tick lengths: 10, 25 or 50 ms (hz 100, 40, 20: minimum quanta of 10, 4 and 2 ticks).</summary>
    public static Gen<int> TickCycles => Gen.Elements(10_000, 25_000, 50_000);

    private static Gen<int> Cycles =>
        Gen.Frequency((3, Gen.Choose(100, 5_000)), (3, Gen.Choose(5_000, 60_000)), (2, Gen.Choose(60_000, 400_000)));

    private static Gen<Step> StepGen(int threads, int mutexes, int weightSync) => Gen.Frequency(
        (6, Cycles.Select(c => (Step)new Step.Compute(c))),
        (2, Gen.Constant((Step)new Step.Yield())),
        (weightSync * 2, Gen.Choose(0, mutexes - 1).Zip(Gen.Choose(100, 30_000), (m, c) => (Step)new Step.Locked(m, c))),
        (weightSync, Gen.Choose(0, threads - 1).Select(t => (Step)new Step.Join(t))),
        (1, Gen.Choose(0, threads - 1).Select(t => (Step)new Step.SwitchTo(t))));

    private static Gen<ControlOp> ControlGen(int threads, int tasks, int weightSuspend, int weightSets) => Gen.Frequency(
        (weightSuspend, Gen.Choose(0, threads - 1).Zip(Cycles, (t, h) => (ControlOp)new ControlOp.SuspendThread(t, h))),
        (weightSuspend, Gen.Choose(0, tasks - 1).Zip(Cycles, (k, h) => (ControlOp)new ControlOp.SuspendTask(k, h))),
        (2, Cycles.Select(c => (ControlOp)new ControlOp.Pause(c))),
        (1, Gen.Choose(0, threads - 1).Zip(Gen.Choose(8, 16), (t, p) => (ControlOp)new ControlOp.Reprioritize(t, p))),
        (2, Gen.Choose(0, threads - 1).Zip(Gen.Choose(-1, 3), (t, c) => (ControlOp)new ControlOp.Bind(t, c))),
        (weightSets, Gen.Choose(0, threads - 1).Zip(Gen.Choose(0, 1), (t, p) => (ControlOp)new ControlOp.AssignThread(t, p))),
        (weightSets, Gen.Choose(0, tasks - 1).Zip(Gen.Choose(0, 1), (k, p) => (ControlOp)new ControlOp.AssignTask(k, p))),
        (weightSets, Gen.Choose(1, 3).Zip(Gen.Choose(0, 1), (c, p) => (ControlOp)new ControlOp.AssignCpu(c, p))));

    /// <summary>
    /// 1-4 CPUs, 1-3 tasks, 1-3 mutexes, 1-6 workers of priority 8-16 (fixed or timesharing) with 1-8
    /// steps, 0-8 controller operations. <paramref name="weightSync"/>, <paramref name="weightSuspend"/> and
    /// <paramref name="weightSets"/> tilt the mix toward mutexes and joins, suspensions, or processor-set moves.
    /// </summary>
    public static Gen<KernelWorkload> Generator(int weightSync = 1, int weightSuspend = 2, int weightSets = 1) =>
        from cpus in Gen.Choose(1, 4)
        from tick in TickCycles
        from affinity in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from tasks in Gen.Choose(1, 3)
        from mutexes in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 6)
        from threads in Gen.ArrayOf(
            from task in Gen.Choose(0, tasks - 1)
            from priority in Gen.Choose(8, 16)
            from isFixed in Gen.Elements(false, true)
            from quantum in Gen.Elements(0, 0, 30, 150)
            from steps in Gen.Choose(1, 8).SelectMany(k => Gen.ArrayOf(StepGen(n, mutexes, weightSync), k))
            select new ThreadSpec(task, priority, isFixed, quantum, steps), n)
        from control in Gen.Choose(0, 8).SelectMany(k => Gen.ArrayOf(ControlGen(n, tasks, weightSuspend, weightSets), k))
        select new KernelWorkload(cpus, tick, affinity, tasks, mutexes, threads, control);

    /// <summary>Generated workloads that shrink toward fewer CPUs, workers, steps and operations, and shorter computations.</summary>
    public static Arbitrary<KernelWorkload> Arbitrary(int weightSync = 1, int weightSuspend = 2, int weightSets = 1) =>
        Arb.From(Generator(weightSync, weightSuspend, weightSets), Shrinks);

    private static IEnumerable<KernelWorkload> Shrinks(KernelWorkload w)
    {
        if (w.Cpus > 1) yield return w with { Cpus = w.Cpus - 1 };
        foreach (var threads in Shrink.Remove(w.Threads)) if (threads.Length > 0) yield return w with { Threads = threads };
        foreach (var control in Shrink.Remove(w.Control)) yield return w with { Control = control };
        for (var i = 0; i < w.Threads.Length; i++)
        {
            foreach (var steps in Shrink.Remove(w.Threads[i].Steps))
            {
                var threads = (ThreadSpec[])w.Threads.Clone();
                threads[i] = threads[i] with { Steps = steps };
                yield return w with { Threads = threads };
            }
        }
        if (w.Tasks > 1) yield return w with { Tasks = w.Tasks - 1 };
        if (w.Mutexes > 1) yield return w with { Mutexes = w.Mutexes - 1 };
        if (w.Affinity) yield return w with { Affinity = false };
        if (w.Threads.Any(t => t.Steps.Any(s => s is Step.Compute { Cycles: > 100 } or Step.Locked { Cycles: > 100 })))
        {
            yield return w with { Threads = [.. w.Threads.Select(t => t with { Steps = [.. t.Steps.Select(Halved)] })] };
        }
    }

    private static Step Halved(Step s) => s switch
    {
        Step.Compute c => new Step.Compute(Math.Max(100, c.Cycles / 2)),
        Step.Locked l => new Step.Locked(l.Mutex, Math.Max(100, l.Cycles / 2)),
        _ => s,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"Workload(cpus={Cpus}, tick={CyclesPerTick / 1000}ms{(Affinity ? ", affinity" : "")}, tasks={Tasks}, mutexes={Mutexes}, "
        + string.Join(", ", Threads.Select((t, i) => $"w{i}={t}"))
        + $", control=[{string.Join(' ', (object[])Control)}])";
}
