namespace MachActors.Kernel.Kern;

/// <summary>Scheduler choices that are not Mach constants.</summary>
public sealed record SchedulerOptions
{
    /// <summary>
    /// Affinity scheduling: a thread made runnable goes to the idle CPU it last ran on when there is
    /// one (the seeds: "generally switched off"). Default off.
    /// </summary>
    public bool Affinity { get; init; }

    /// <summary>A new processor set's maximum priority. Default <see cref="SchedConstants.DefaultMaxPriority"/>.</summary>
    public int MaxPriority { get; init; } = SchedConstants.DefaultMaxPriority;

    /// <summary>Sees every dispatch decision (tests, tracing). Default none.</summary>
    public ISchedulerObserver? Observer { get; init; }
}
