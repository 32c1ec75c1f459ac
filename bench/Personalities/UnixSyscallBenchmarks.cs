using BenchmarkDotNet.Attributes;
using MachActors.Bench.Ipc;

namespace MachActors.Bench.Personalities;

/// <summary>
/// Simulated UNIX system calls per second of host time (issue 8): a process of the UNIX personality
/// calling getpid N times, each call trapping into the kernel, redirected to the emulation library, one
/// RPC to the UNIX server and back; and N rounds of fork + exit + wait. Baseline, in the same run: the
/// raw null RPC of the IPC suite (<see cref="IpcWorkload"/>) with the same N on the same CPUs, so the
/// Ratio of getpid is the personality's cost per call over a bare Mach RPC (trap redirection, the MIG
/// stubs, the server's process lookup), and that of fork+exit+wait is a round's cost in null RPCs.
/// Every run is verified exactly after it (<see cref="MachineBenchWorkload.Verify"/>); machine boot and
/// the server's set-up are included in the measured runs, as in the IPC suite.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class UnixSyscallBenchmarks
{
    /// <summary>getpid calls per run (the null RPC baseline makes as many RPCs).</summary>
    public const int Calls = IpcSizes.Rpcs;

    /// <summary>fork + exit + wait rounds per run.</summary>
    public const int Forks = 1_000;

    private const int Cpus = 2;

    private readonly IpcWorkload _nullRpc = new(IpcKind.NullRpc, Cpus, Calls);
    private readonly UnixSyscallWorkload _getpid = new(UnixSyscallKind.Getpid, Cpus, Calls);
    private readonly UnixSyscallWorkload _fork = new(UnixSyscallKind.ForkExitWait, Cpus, Forks);

    /// <summary>Untimed: whole verified runs (JIT and PGO, and the determinism reference).</summary>
    [GlobalSetup(Target = nameof(NullRpcBaseline))]
    public void WarmUpNullRpc() => _nullRpc.WarmUp(IpcSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(Getpid))]
    public void WarmUpGetpid() => _getpid.WarmUp(IpcSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(ForkExitWait))]
    public void WarmUpFork() => _fork.WarmUp(IpcSizes.WarmUpRuns);

    [IterationSetup(Target = nameof(NullRpcBaseline))]
    public void SetUpNullRpc() => _nullRpc.Prepare();

    [IterationCleanup(Target = nameof(NullRpcBaseline))]
    public void TearDownNullRpc() => VerifyAndRelease(_nullRpc);

    [IterationSetup(Target = nameof(Getpid))]
    public void SetUpGetpid() => _getpid.Prepare();

    [IterationCleanup(Target = nameof(Getpid))]
    public void TearDownGetpid() => VerifyAndRelease(_getpid);

    [IterationSetup(Target = nameof(ForkExitWait))]
    public void SetUpFork() => _fork.Prepare();

    [IterationCleanup(Target = nameof(ForkExitWait))]
    public void TearDownFork() => VerifyAndRelease(_fork);

    /// <summary>25,000 null RPCs between two Mach tasks on 2 CPUs (boot and set-up included).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public long NullRpcBaseline() => _nullRpc.Run();

    /// <summary>25,000 getpid calls of one UNIX process on 2 CPUs (boot of the machine and the UNIX server included).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Getpid() => _getpid.Run();

    /// <summary>1,000 rounds of fork, the child's exit and the parent's wait on 2 CPUs (boot included).</summary>
    [Benchmark(OperationsPerInvoke = Forks)]
    public long ForkExitWait() => _fork.Run();

    private static void VerifyAndRelease(MachineBenchWorkload workload)
    {
        workload.Verify();
        workload.Release();
    }
}
