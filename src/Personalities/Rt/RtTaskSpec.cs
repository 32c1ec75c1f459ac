using MachActors.Actors.Timing;

namespace MachActors.Personalities.Rt;

/// <summary>
/// One periodic real-time task (docs/RT.md): released every <paramref name="Period"/> from its first
/// release, each job due <paramref name="Deadline"/> after its release (0 &lt; D &lt;= T), run at the fixed
/// kernel priority <paramref name="Priority"/> (<see cref="RtPriorities"/>), <paramref name="Jobs"/> jobs
/// in all. <paramref name="Cost"/> is what one job computes (its worst case; the analysis uses it, and
/// <see cref="RtBoot"/>'s bodies burn exactly that many cycles).
/// </summary>
public sealed record RtTaskSpec(string Name, Duration Period, Duration Deadline, int Priority, int Jobs, Duration Cost)
{
    /// <summary>The share of one CPU the task needs: cost / period.</summary>
    public double Utilisation => Period.Nanoseconds <= 0 ? double.PositiveInfinity : (double)Cost.Nanoseconds / Period.Nanoseconds;

    /// <summary>Why the spec cannot be admitted, or null when it can.</summary>
    public string? Problem() =>
        Period.Nanoseconds <= 0 ? "period must be positive"
        : Deadline.Nanoseconds <= 0 || Deadline > Period ? "deadline must be in (0, period]"
        : !RtPriorities.IsTaskPriority(Priority) ? $"priority must be in {RtPriorities.Highest}..{RtPriorities.Lowest}"
        : Jobs <= 0 ? "jobs must be positive"
        : Cost.Nanoseconds < 0 ? "cost must not be negative"
        : null;
}

/// <summary>
/// The kernel priorities of the executive (docs/RT.md, "Scheduling"; lower number = better, as Mach's
/// run queues): the server runs at <see cref="Server"/>, the tasks in <see cref="Highest"/>..<see cref="Lowest"/>,
/// all with the fixed-priority policy, above every timesharing thread (BASEPRI_USER 12 and worse).
/// </summary>
public static class RtPriorities
{
    /// <summary>The RT server's thread: the best priority a user thread may take (the set's default maximum).</summary>
    public const int Server = Kernel.Kern.SchedConstants.DefaultMaxPriority;

    /// <summary>The best task priority.</summary>
    public const int Highest = Server + 1;

    /// <summary>The worst task priority (still better than BASEPRI_USER).</summary>
    public const int Lowest = Kernel.Kern.SchedConstants.BasePriorityUser - 1;

    /// <summary>How many task priority levels there are.</summary>
    public const int Levels = Lowest - Highest + 1;

    /// <summary>Whether <paramref name="priority"/> is a task priority.</summary>
    public static bool IsTaskPriority(int priority) => priority is >= Highest and <= Lowest;
}
