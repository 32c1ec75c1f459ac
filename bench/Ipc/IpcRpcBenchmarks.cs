using BenchmarkDotNet.Attributes;
using MachActors.Actors.Dispatch;

namespace MachActors.Bench.Ipc;

/// <summary>
/// Simulated null RPCs per second of host time: a client task and a server task, one thread each,
/// on the controlled dispatcher (seed 42, recording on); the client loops <c>Rpc(request,
/// replyPort)</c>, the server answers through the send-once reply right and waits for the next
/// request in the same mach_msg (IPC handoff both ways). One operation = one RPC, checked exactly
/// after every run (<see cref="IpcWorkload.Verify"/>). Baseline: the runtime's raw actor ping-pong
/// on the controlled dispatcher, one operation = one round trip (two actor messages), so the
/// Ratio is the cost of the IPC layer (and the machine under it) per round trip.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class IpcRpcBenchmarks
{
    private readonly ActorPingPong _pingPong = new();
    private readonly IpcWorkload _twoCpus = IpcSizes.NullRpc2Cpus();
    private readonly IpcWorkload _oneCpu = IpcSizes.NullRpc1Cpu();

    [IterationSetup(Target = nameof(PingPongControlledBaseline))]
    public void SetUpPingPong() => _pingPong.Prepare();

    [IterationSetup(Target = nameof(PingPongParallel))]
    public void SetUpPingPongParallel() => _pingPong.Prepare(DispatcherKind.Parallel);

    [IterationCleanup(Targets = [nameof(PingPongControlledBaseline), nameof(PingPongParallel)])]
    public void TearDownPingPong() => _pingPong.Release();

    /// <summary>Untimed: a run with a scheduler observer that must see handoffs, then whole verified runs (JIT and PGO).</summary>
    [GlobalSetup(Target = nameof(NullRpc_2Cpus))]
    public void WarmUpTwoCpus()
    {
        _twoCpus.CountHandoffs();
        _twoCpus.WarmUp(IpcSizes.WarmUpRuns);
    }

    [GlobalSetup(Target = nameof(NullRpc_1Cpu))]
    public void WarmUpOneCpu()
    {
        _oneCpu.CountHandoffs();
        _oneCpu.WarmUp(IpcSizes.WarmUpRuns);
    }

    [IterationSetup(Target = nameof(NullRpc_2Cpus))]
    public void SetUpTwoCpus() => _twoCpus.Prepare();

    [IterationCleanup(Target = nameof(NullRpc_2Cpus))]
    public void TearDownTwoCpus()
    {
        _twoCpus.Verify();
        _twoCpus.Release();
    }

    [IterationSetup(Target = nameof(NullRpc_1Cpu))]
    public void SetUpOneCpu() => _oneCpu.Prepare();

    [IterationCleanup(Target = nameof(NullRpc_1Cpu))]
    public void TearDownOneCpu()
    {
        _oneCpu.Verify();
        _oneCpu.Release();
    }

    /// <summary>1,500,000 round trips of two actors on the controlled dispatcher (seed 42, recording on).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = IpcSizes.PingPongRoundTrips)]
    public long PingPongControlledBaseline() => _pingPong.Run();

    /// <summary>The same on the parallel dispatcher (reference only; section 1's setting).</summary>
    [Benchmark(OperationsPerInvoke = IpcSizes.PingPongRoundTrips)]
    public long PingPongParallel() => _pingPong.Run();

    /// <summary>25,000 null RPCs, client and server on 2 CPUs (boot and set-up included).</summary>
    [Benchmark(OperationsPerInvoke = IpcSizes.Rpcs)]
    public long NullRpc_2Cpus() => _twoCpus.Run();

    /// <summary>25,000 null RPCs on 1 CPU (boot and set-up included).</summary>
    [Benchmark(OperationsPerInvoke = IpcSizes.Rpcs)]
    public long NullRpc_1Cpu() => _oneCpu.Run();
}
