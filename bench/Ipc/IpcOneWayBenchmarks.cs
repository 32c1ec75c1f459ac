using BenchmarkDotNet.Attributes;

namespace MachActors.Bench.Ipc;

/// <summary>
/// Simulated one-way messages per second of host time: a sender thread (client task) sends
/// header-only messages to a port that the server task's thread drains, default qlimit (the sender
/// blocks when the queue is full), on the controlled dispatcher (seed 42, recording on). One
/// operation = one message, checked exactly after every run (ids and seqnos 0..N-1). Baseline:
/// the runtime's raw actor ping-pong on the controlled dispatcher, one operation = one actor message.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class IpcOneWayBenchmarks
{
    private readonly ActorPingPong _pingPong = new();
    private readonly IpcWorkload _twoCpus = IpcSizes.OneWay2Cpus();
    private readonly IpcWorkload _oneCpu = IpcSizes.OneWay1Cpu();

    [IterationSetup(Target = nameof(PingPongControlledBaseline))]
    public void SetUpPingPong() => _pingPong.Prepare();

    [IterationCleanup(Target = nameof(PingPongControlledBaseline))]
    public void TearDownPingPong() => _pingPong.Release();

    /// <summary>Untimed whole verified runs (JIT and PGO).</summary>
    [GlobalSetup(Target = nameof(OneWay_2Cpus))]
    public void WarmUpTwoCpus() => _twoCpus.WarmUp(IpcSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(OneWay_1Cpu))]
    public void WarmUpOneCpu() => _oneCpu.WarmUp(IpcSizes.WarmUpRuns);

    [IterationSetup(Target = nameof(OneWay_2Cpus))]
    public void SetUpTwoCpus() => _twoCpus.Prepare();

    [IterationCleanup(Target = nameof(OneWay_2Cpus))]
    public void TearDownTwoCpus()
    {
        _twoCpus.Verify();
        _twoCpus.Release();
    }

    [IterationSetup(Target = nameof(OneWay_1Cpu))]
    public void SetUpOneCpu() => _oneCpu.Prepare();

    [IterationCleanup(Target = nameof(OneWay_1Cpu))]
    public void TearDownOneCpu()
    {
        _oneCpu.Verify();
        _oneCpu.Release();
    }

    /// <summary>3,000,000 actor messages (1,500,000 round trips) on the controlled dispatcher (seed 42, recording on).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * IpcSizes.PingPongRoundTrips)]
    public long PingPongControlledBaseline() => _pingPong.Run();

    /// <summary>100,000 one-way messages, sender and receiver on 2 CPUs (boot and set-up included).</summary>
    [Benchmark(OperationsPerInvoke = IpcSizes.Messages)]
    public long OneWay_2Cpus() => _twoCpus.Run();

    /// <summary>100,000 one-way messages on 1 CPU (boot and set-up included).</summary>
    [Benchmark(OperationsPerInvoke = IpcSizes.Messages)]
    public long OneWay_1Cpu() => _oneCpu.Run();
}
