using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Direct;

/// <summary>
/// One event fed straight to a <see cref="MachActors.Kernel.Kern.ProcessorSetScheduler"/>: what a CPU,
/// the clock, a program or a kernel call would make it see. Indices are read modulo the current counts,
/// and an event that makes no sense in the current state (a surrender from an idle CPU) does nothing,
/// so every subsequence of a script is a valid script.
/// </summary>
public abstract record SchedOp
{
    /// <summary>A new thread of task <paramref name="Task"/> joins the set (thread_create + resume), optionally fixed-priority and bound.</summary>
    public sealed record NewThread(int Task, int Priority, bool Fixed, int Bind) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => $"new(T{Task},{(Fixed ? "fix" : "ts")}{Priority}{(Bind >= 0 ? "@" + Bind : "")})";
    }

    /// <summary>A clock tick: time moves one tick; every CPU running a thread reports it.</summary>
    public sealed record Tick : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => "tick";
    }

    /// <summary>Time moves <paramref name="Micros"/> microseconds (less than a tick) without an interrupt.</summary>
    public sealed record Advance(int Micros) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => $"+{Micros}us";
    }

    /// <summary>The CPU acts on the preemption the scheduler asked of it (if any): its thread surrenders with that reason.</summary>
    public sealed record DeliverPreempt(int Cpu) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => $"preempt@{Cpu}";
    }

    /// <summary>The CPU's thread yields; with <paramref name="Hint"/> &gt;= 0 it is thread_switch to that thread.</summary>
    public sealed record Yield(int Cpu, int Hint) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => Hint < 0 ? $"yield@{Cpu}" : $"switch@{Cpu}->{Hint}";
    }

    /// <summary>The CPU's thread blocks in a kernel call; with <paramref name="EarlyWake"/> its wakeup comes before the CPU gives it back.</summary>
    public sealed record Block(int Cpu, bool EarlyWake) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => EarlyWake ? $"block+wake@{Cpu}" : $"block@{Cpu}";
    }

    /// <summary>The CPU's thread exits.</summary>
    public sealed record Exit(int Cpu) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => $"exit@{Cpu}";
    }

    /// <summary>
    /// The wait of thread <paramref name="Thread"/> ends; a <paramref name="Stale"/> wakeup (or one for
    /// a thread that does not wait) is for some other, older wait and must change nothing.
    /// </summary>
    public sealed record Wake(int Thread, bool Stale) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => Stale ? $"stalewake{Thread}" : $"wake{Thread}";
    }

    /// <summary>A thread call on thread <paramref name="Thread"/>.</summary>
    public sealed record Call(int Thread, CallKind Kind, int Arg) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => $"{Kind}{Thread}{(Kind is CallKind.Priority or CallKind.Bind ? "=" + Arg : "")}";
    }

    /// <summary>task_suspend (or, with <paramref name="Resume"/>, task_resume) of task <paramref name="Task"/>.</summary>
    public sealed record TaskSuspend(int Task, bool Resume) : SchedOp
    {
        /// <inheritdoc />
        public override string ToString() => Resume ? $"taskresume{Task}" : $"tasksuspend{Task}";
    }
}

/// <summary>The thread calls a script makes.</summary>
public enum CallKind
{
    /// <summary>thread_suspend.</summary>
    Suspend,

    /// <summary>thread_resume.</summary>
    Resume,

    /// <summary>thread_priority (the argument).</summary>
    Priority,

    /// <summary>thread_policy: toggles fixed priority / timesharing.</summary>
    Policy,

    /// <summary>Bind to CPU (the argument), or unbind when negative.</summary>
    Bind,

    /// <summary>thread_terminate.</summary>
    Terminate,
}

/// <summary>A script: a processor set of <paramref name="Cpus"/> CPUs (with or without affinity) and the events it sees.</summary>
public sealed record SchedScript(int Cpus, bool Affinity, SchedOp[] Ops)
{
    /// <summary>Most threads a script creates (further NewThread events do nothing).</summary>
    public const int MaxThreads = 8;

    private static Gen<SchedOp> OpGen(int cpus) => Gen.Frequency(
        (3, from task in Gen.Choose(0, 2) from p in Gen.Choose(6, 14) from f in Gen.Elements(false, true)
            from b in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, cpus - 1)))
            select (SchedOp)new SchedOp.NewThread(task, p, f, b)),
        (6, Gen.Constant((SchedOp)new SchedOp.Tick())),
        (2, Gen.Choose(1, 9_999).Select(us => (SchedOp)new SchedOp.Advance(us))),
        (6, Gen.Choose(0, cpus - 1).Select(c => (SchedOp)new SchedOp.DeliverPreempt(c))),
        (3, Gen.Choose(0, cpus - 1).Zip(Gen.Frequency((1, Gen.Constant(-1)), (1, Gen.Choose(0, MaxThreads - 1))), (c, h) => (SchedOp)new SchedOp.Yield(c, h))),
        (3, Gen.Choose(0, cpus - 1).Zip(Gen.Elements(false, false, true), (c, e) => (SchedOp)new SchedOp.Block(c, e))),
        (1, Gen.Choose(0, cpus - 1).Select(c => (SchedOp)new SchedOp.Exit(c))),
        (4, Gen.Choose(0, MaxThreads - 1).Zip(Gen.Elements(false, false, true), (t, stale) => (SchedOp)new SchedOp.Wake(t, stale))),
        (5, from t in Gen.Choose(0, MaxThreads - 1)
            from k in Gen.Elements(CallKind.Suspend, CallKind.Resume, CallKind.Resume, CallKind.Priority, CallKind.Policy, CallKind.Bind, CallKind.Terminate)
            from a in k == CallKind.Priority ? Gen.Choose(6, 14) : Gen.Choose(-1, cpus - 1)
            select (SchedOp)new SchedOp.Call(t, k, a)),
        (2, Gen.Choose(0, 2).Zip(Gen.Elements(false, true), (t, r) => (SchedOp)new SchedOp.TaskSuspend(t, r))));

    /// <summary>1-4 CPUs; 2-4 threads to start with, then 1-80 events.</summary>
    public static Gen<SchedScript> Generator =>
        from cpus in Gen.Choose(1, 4)
        from affinity in Gen.Elements(false, true)
        from start in Gen.Choose(2, 4).SelectMany(n => Gen.ArrayOf(OpGen(cpus).Where(o => o is SchedOp.NewThread), n))
        from ops in Gen.Choose(1, 80).SelectMany(n => Gen.ArrayOf(OpGen(cpus), n))
        select new SchedScript(cpus, affinity, [.. start, .. ops]);

    /// <summary>Shrinks by dropping events and CPUs (indices are read modulo the counts).</summary>
    public static Arbitrary<SchedScript> Arbitrary => Arb.From(Generator, s =>
        Shrink.Remove(s.Ops).Select(ops => s with { Ops = ops })
            .Concat(s.Cpus > 1 ? [s with { Cpus = s.Cpus - 1 }] : [])
            .Concat(s.Affinity ? [s with { Affinity = false }] : []));

    /// <inheritdoc />
    public override string ToString() => $"Script(cpus={Cpus}{(Affinity ? ", affinity" : "")}: {string.Join(' ', (object[])Ops)})";
}
