namespace MachActors.Bench.Kernel;

/// <summary>
/// The shapes of the kernel suites' workloads, shared by the benchmark classes and the
/// <c>kernel-steps</c> report, so both count the same runs. Each measured run is about 0.1 s.
/// </summary>
public static class KernelSizes
{
    /// <summary>Untimed, verified whole runs of a workload before it is measured (tiered JIT and PGO settle after about five).</summary>
    public const int WarmUpRuns = 10;

    /// <summary>Yields per thread, 4 threads on 1 CPU.</summary>
    public const int Yields1Cpu = 25_000;

    /// <summary>Yields per thread, 8 threads on 2 CPUs.</summary>
    public const int Yields2Cpus = 12_500;

    /// <summary>Computes of the single thread on 1 CPU.</summary>
    public const int Computes1Cpu = 200_000;

    /// <summary>Computes per thread, 2 threads on 2 CPUs (one per CPU: no preemption pressure).</summary>
    public const int Computes2Cpus = 100_000;

    /// <summary>Context switches of the 1-CPU yield run: 4 x (25,000 + 1).</summary>
    public const int Switches1Cpu = 4 * (Yields1Cpu + 1);

    /// <summary>Context switches of the 2-CPU yield run: 8 x (12,500 + 1).</summary>
    public const int Switches2Cpus = 8 * (Yields2Cpus + 1);

    /// <summary>Compute traps of the 1-CPU compute run.</summary>
    public const int Traps1Cpu = Computes1Cpu;

    /// <summary>Compute traps of the 2-CPU compute run.</summary>
    public const int Traps2Cpus = 2 * Computes2Cpus;

    public static MachineWorkload Yield1Cpu() => new(LoopKind.Yield, cpus: 1, threads: 4, loops: Yields1Cpu);

    public static MachineWorkload Yield2Cpus() => new(LoopKind.Yield, cpus: 2, threads: 8, loops: Yields2Cpus);

    public static MachineWorkload Compute1Cpu() => new(LoopKind.Compute, cpus: 1, threads: 1, loops: Computes1Cpu);

    public static MachineWorkload Compute2Cpus() => new(LoopKind.Compute, cpus: 2, threads: 2, loops: Computes2Cpus);

    /// <summary>Every workload with the operation count its benchmark declares (OperationsPerInvoke).</summary>
    public static IReadOnlyList<(string Name, MachineWorkload Workload, int DeclaredOperations)> All() =>
    [
        ("ContextSwitch.Yield_1Cpu_4Threads", Yield1Cpu(), Switches1Cpu),
        ("ContextSwitch.Yield_2Cpus_8Threads", Yield2Cpus(), Switches2Cpus),
        ("ComputeTrap.Compute_1Cpu_1Thread", Compute1Cpu(), Traps1Cpu),
        ("ComputeTrap.Compute_2Cpus_2Threads", Compute2Cpus(), Traps2Cpus),
    ];
}
