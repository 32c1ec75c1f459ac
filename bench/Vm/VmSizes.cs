namespace MachActors.Bench.Vm;

/// <summary>
/// The shapes of the VM suite's workloads, shared by the benchmark class and the <c>vm-steps</c>
/// report, so both count the same runs.
/// </summary>
public static class VmSizes
{
    /// <summary>Untimed, verified whole runs of a workload before it is measured (as the kernel suites).</summary>
    public const int WarmUpRuns = 10;

    /// <summary>Pages touched (faults) per run of the fault workloads.</summary>
    public const int Pages = 4_096;

    /// <summary>Frames of the machines under pressure.</summary>
    public const int PressureFrames = 256;

    /// <summary>Pages read after the writes of the pager-fault set-up to push every written page out.</summary>
    public const int PushPages = 512;

    /// <summary>Pages written per run of the pageout workload.</summary>
    public const int PageoutPages = 4_096;

    /// <summary>Pageouts of a correct pageout run (exact; the benchmark's operation count).</summary>
    public const int Pageouts = 3_873;

    /// <summary>Zero-fill faults in the kernel: as many frames as twice the pages, no pressure.</summary>
    public static VmWorkload ZeroFill() => new(VmKind.ZeroFill, Pages, frames: 2 * Pages);

    /// <summary>Faults served by the default pager (pageins) after a set-up that pushed every page out.</summary>
    public static VmWorkload PagerFaults() => new(VmKind.PagerFaults, Pages, PressureFrames, PushPages);

    /// <summary>Pageouts under pressure.</summary>
    public static VmWorkload PageoutsUnderPressure() => new(VmKind.Pageouts, PageoutPages, PressureFrames, expectedPageouts: Pageouts);

    /// <summary>Every workload with its benchmark's name.</summary>
    public static IReadOnlyList<(string Name, VmWorkload Workload)> All() =>
    [
        ("VmFaultBenchmarks.ZeroFillFaults", ZeroFill()),
        ("VmFaultBenchmarks.DefaultPagerFaults", PagerFaults()),
        ("VmFaultBenchmarks.Pageouts", PageoutsUnderPressure()),
    ];
}
