using BenchmarkDotNet.Attributes;

namespace MachActors.Bench.Kernel;

/// <summary>
/// Simulated context switches per second of host time: threads that loop <c>await env.Yield()</c>
/// on the controlled dispatcher (seed 42, recording on); every yield is a trap, a surrender to the
/// processor set and a dispatch of the next thread. One operation = one context switch (the
/// machine's <c>CpuStats.ContextSwitches</c>, checked exactly after every run). Baseline: the
/// runtime's own controlled step rate (the ring), so the Ratio is the cost of one switch in
/// runtime steps' worth of host time.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class ContextSwitchBenchmarks
{
    private readonly RingBaseline _ring = new();
    private readonly MachineWorkload _oneCpu = KernelSizes.Yield1Cpu();
    private readonly MachineWorkload _twoCpus = KernelSizes.Yield2Cpus();

    [IterationSetup(Target = nameof(RingStepsBaseline))]
    public void SetUpRing() => _ring.Prepare();

    [IterationCleanup(Target = nameof(RingStepsBaseline))]
    public void TearDownRing() => _ring.Release();

    /// <summary>Untimed whole runs before BenchmarkDotNet's own warm-up (see <see cref="MachineWorkload.WarmUp"/>).</summary>
    [GlobalSetup(Target = nameof(Yield_1Cpu_4Threads))]
    public void WarmUpOneCpu() => _oneCpu.WarmUp(KernelSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(Yield_2Cpus_8Threads))]
    public void WarmUpTwoCpus() => _twoCpus.WarmUp(KernelSizes.WarmUpRuns);

    [IterationSetup(Target = nameof(Yield_1Cpu_4Threads))]
    public void SetUpOneCpu() => _oneCpu.Prepare();

    [IterationCleanup(Target = nameof(Yield_1Cpu_4Threads))]
    public void TearDownOneCpu()
    {
        _oneCpu.Verify();
        _oneCpu.Release();
    }

    [IterationSetup(Target = nameof(Yield_2Cpus_8Threads))]
    public void SetUpTwoCpus() => _twoCpus.Prepare();

    [IterationCleanup(Target = nameof(Yield_2Cpus_8Threads))]
    public void TearDownTwoCpus()
    {
        _twoCpus.Verify();
        _twoCpus.Release();
    }

    /// <summary>2,000,000 controlled steps of the 1,000-actor ring.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RingBaseline.Steps)]
    public long RingStepsBaseline() => _ring.Run();

    /// <summary>4 threads x 25,000 yields on 1 CPU: 100,004 context switches (boot and task starts included).</summary>
    [Benchmark(OperationsPerInvoke = KernelSizes.Switches1Cpu)]
    public long Yield_1Cpu_4Threads() => _oneCpu.Run();

    /// <summary>8 threads x 12,500 yields on 2 CPUs: 100,008 context switches (boot and task starts included).</summary>
    [Benchmark(OperationsPerInvoke = KernelSizes.Switches2Cpus)]
    public long Yield_2Cpus_8Threads() => _twoCpus.Run();
}
