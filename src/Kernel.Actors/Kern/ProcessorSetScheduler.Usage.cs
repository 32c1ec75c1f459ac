using MachActors.Actors.Timing;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>CPU usage, priority aging and quanta (kern/priority.c, sched_prim.c).</summary>
internal sealed partial class ProcessorSetScheduler
{
    private static readonly long SchedTickNanos = Duration.FromSeconds(1).Nanoseconds;

    /// <summary>The minimum quantum in ticks: hz / 10, at least one tick.</summary>
    public int MinQuantum => Math.Max(1, (int)Math.Round(_config.TicksPerSecond / SchedConstants.MinQuantumDivisor));

    /// <summary>
    /// A clock tick on <paramref name="cpu"/>, which ran <paramref name="threadId"/> for
    /// <paramref name="ran"/> since its last report: charge it; at the end of its quantum, preempt it
    /// if its local queue has work or the global queue holds a thread at least as good, else give it
    /// a fresh quantum.
    /// </summary>
    public void OnTick(int cpu, long threadId, Duration ran)
    {
        if (!_cpus.TryGetValue(cpu, out var slot) || slot.Running is not { } thread || thread.Id != threadId) return;
        Charge(thread, ran);
        if (thread.PreemptRequested) return;
        thread.QuantumLeft--;
        if (thread.QuantumLeft > 0) return;
        var best = _global.Peek()?.SchedPriority;
        if (slot.Local.Count > 0 || (best is { } b && b <= thread.SchedPriority)) RequestPreempt(slot, SurrenderReason.Preempted.Instance);
        else thread.QuantumLeft = Quantum(thread);
    }

    /// <summary>Adds <paramref name="ran"/> to the thread's CPU time and its load-weighted usage, and recomputes its priority.</summary>
    private void Charge(SchedThread thread, Duration ran)
    {
        if (ran.Nanoseconds <= 0) return;
        Age(thread);
        thread.CpuTime += ran;
        var load = Math.Max(SchedConstants.LoadScale, SchedConstants.LoadScale * RunnableCount / Math.Max(1, _cpus.Count));
        thread.Usage += ran.Nanoseconds * load;
        UpdatePriority(thread);
    }

    /// <summary>Applies the usage decay (x5/8 per second of virtual time) for every sched_tick missed since the last touch.</summary>
    private void Age(SchedThread thread)
    {
        var now = SchedTick();
        var missed = now - thread.UsageStamp;
        thread.UsageStamp = now;
        if (missed <= 0) return;
        if (missed > SchedConstants.DecayResetTicks)
        {
            thread.Usage = 0;
            return;
        }
        for (var i = 0; i < missed && thread.Usage > 0; i++) thread.Usage = thread.Usage * SchedConstants.DecayNumerator / SchedConstants.DecayDenominator;
    }

    /// <summary>
    /// sched_pri: the base priority for fixed-priority threads; for timesharing threads the base
    /// priority plus one level per <see cref="SchedConstants.UsageTicksPerLevel"/> ticks of
    /// load-weighted usage, capped at the idle priority.
    /// </summary>
    private void UpdatePriority(SchedThread thread)
    {
        if (thread.Policy == SchedPolicy.FixedPriority)
        {
            thread.SchedPriority = thread.BasePriority;
            return;
        }
        var perLevel = _config.TickPeriod.Nanoseconds * SchedConstants.UsageTicksPerLevel * SchedConstants.LoadScale;
        var penalty = perLevel <= 0 ? 0 : thread.Usage / perLevel;
        thread.SchedPriority = (int)Math.Min(SchedConstants.IdlePriority, thread.BasePriority + penalty);
    }

    /// <summary>
    /// The quantum in ticks: fixed-priority threads use their policy's; timesharing threads get the
    /// minimum quantum scaled by ncpus / min(runnable, ncpus), doubled when nothing else waits.
    /// </summary>
    private int Quantum(SchedThread thread)
    {
        if (thread.Policy == SchedPolicy.FixedPriority) return Math.Max(1, thread.PolicyQuantum);
        var cpus = Math.Max(1, _cpus.Count);
        var runnable = Math.Max(1, Math.Min(RunnableCount, cpus));
        var quantum = MinQuantum * cpus / runnable;
        return _global.Count == 0 ? quantum * 2 : quantum;
    }

    /// <summary>Whole seconds of virtual time since boot (Mach's sched_tick).</summary>
    private long SchedTick() => _now().Nanoseconds / SchedTickNanos;
}
