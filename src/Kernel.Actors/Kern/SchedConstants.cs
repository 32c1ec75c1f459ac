namespace MachActors.Kernel.Kern;

/// <summary>
/// Scheduler constants of CMU Mach 3 (kern/sched.h): 32 run-queue levels, lower number = higher
/// priority, and the formula parameters of timesharing. The usage scale is ours (documented on each).
/// </summary>
public static class SchedConstants
{
    /// <summary>Number of run-queue levels (NRQS): priorities 0..31.</summary>
    public const int Nrqs = 32;

    /// <summary>The lowest priority, the idle threads' (IDLEPRI).</summary>
    public const int IdlePriority = Nrqs - 1;

    /// <summary>Base priority of system threads (BASEPRI_SYSTEM).</summary>
    public const int BasePrioritySystem = 6;

    /// <summary>Base priority of user tasks and threads (BASEPRI_USER).</summary>
    public const int BasePriorityUser = 12;

    /// <summary>
    /// A processor set's default maximum priority: threads may not be given a numerically smaller
    /// (better) priority than this. BASEPRI_SYSTEM, so that user workloads can use 6..31.
    /// </summary>
    public const int DefaultMaxPriority = BasePrioritySystem;

    /// <summary>
    /// Timesharing: one priority level is lost per this many ticks of CPU usage (usage scaled by the
    /// set's load). A thread that runs a whole 10-tick quantum on an unloaded set drops one level.
    /// </summary>
    public const int UsageTicksPerLevel = 10;

    /// <summary>Usage decays by 5/8 once per second of virtual time (the sched_tick), lazily.</summary>
    public const int DecayNumerator = 5;

    /// <summary>See <see cref="DecayNumerator"/>.</summary>
    public const int DecayDenominator = 8;

    /// <summary>After more than this many missed sched_ticks, usage resets to 0.</summary>
    public const int DecayResetTicks = 30;

    /// <summary>The minimum quantum is hz / this (CMU: hz/10 = 100 ms).</summary>
    public const int MinQuantumDivisor = 10;

    /// <summary>Load factor unit (sched_load is kept in 1/128ths, never below 1x).</summary>
    public const int LoadScale = 128;
}
