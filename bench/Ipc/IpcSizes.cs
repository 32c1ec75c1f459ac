namespace MachActors.Bench.Ipc;

/// <summary>
/// The shapes of the IPC suites' workloads, shared by the benchmark classes and the
/// <c>ipc-steps</c> report, so both count the same runs. Each measured run is about 0.1 s.
/// </summary>
public static class IpcSizes
{
    /// <summary>Untimed, verified whole runs of a workload before it is measured (as the kernel suites).</summary>
    public const int WarmUpRuns = 10;

    /// <summary>Null RPCs per run.</summary>
    public const int Rpcs = 25_000;

    /// <summary>One-way messages per run.</summary>
    public const int Messages = 100_000;

    /// <summary>Round trips of the raw actor ping-pong baseline per invocation (two actor messages each).</summary>
    public const int PingPongRoundTrips = 1_500_000;

    public static IpcWorkload NullRpc2Cpus() => new(IpcKind.NullRpc, cpus: 2, Rpcs);

    public static IpcWorkload NullRpc1Cpu() => new(IpcKind.NullRpc, cpus: 1, Rpcs);

    public static IpcWorkload OneWay2Cpus() => new(IpcKind.OneWay, cpus: 2, Messages);

    public static IpcWorkload OneWay1Cpu() => new(IpcKind.OneWay, cpus: 1, Messages);

    /// <summary>Every workload with its benchmark's name.</summary>
    public static IReadOnlyList<(string Name, IpcWorkload Workload)> All() =>
    [
        ("IpcRpc.NullRpc_2Cpus", NullRpc2Cpus()),
        ("IpcRpc.NullRpc_1Cpu", NullRpc1Cpu()),
        ("IpcOneWay.OneWay_2Cpus", OneWay2Cpus()),
        ("IpcOneWay.OneWay_1Cpu", OneWay1Cpu()),
    ];
}
