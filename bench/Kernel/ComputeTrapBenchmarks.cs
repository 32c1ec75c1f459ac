using BenchmarkDotNet.Attributes;

namespace MachActors.Bench.Kernel;

/// <summary>
/// Simulated compute traps per second of host time: one thread per CPU looping
/// <c>await env.Compute(100)</c> (4 us of virtual time each) on the controlled dispatcher (seed 42,
/// recording on), with no preemption pressure (nothing else is runnable). Each trap resumes the
/// program, starts a compute segment (a virtual-time timer) and continues when it fires. One
/// operation = one trap (the machine's <c>CpuStats.Traps</c>, checked exactly after every run).
/// Baseline: the runtime's own controlled step rate (the ring).
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class ComputeTrapBenchmarks
{
    private readonly RingBaseline _ring = new();
    private readonly MachineWorkload _oneCpu = KernelSizes.Compute1Cpu();
    private readonly MachineWorkload _twoCpus = KernelSizes.Compute2Cpus();

    [IterationSetup(Target = nameof(RingStepsBaseline))]
    public void SetUpRing() => _ring.Prepare();

    [IterationCleanup(Target = nameof(RingStepsBaseline))]
    public void TearDownRing() => _ring.Release();

    /// <summary>Untimed whole runs before BenchmarkDotNet's own warm-up (see <see cref="MachineWorkload.WarmUp"/>).</summary>
    [GlobalSetup(Target = nameof(Compute_1Cpu_1Thread))]
    public void WarmUpOneCpu() => _oneCpu.WarmUp(KernelSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(Compute_2Cpus_2Threads))]
    public void WarmUpTwoCpus() => _twoCpus.WarmUp(KernelSizes.WarmUpRuns);

    [IterationSetup(Target = nameof(Compute_1Cpu_1Thread))]
    public void SetUpOneCpu() => _oneCpu.Prepare();

    [IterationCleanup(Target = nameof(Compute_1Cpu_1Thread))]
    public void TearDownOneCpu()
    {
        _oneCpu.Verify();
        _oneCpu.Release();
    }

    [IterationSetup(Target = nameof(Compute_2Cpus_2Threads))]
    public void SetUpTwoCpus() => _twoCpus.Prepare();

    [IterationCleanup(Target = nameof(Compute_2Cpus_2Threads))]
    public void TearDownTwoCpus()
    {
        _twoCpus.Verify();
        _twoCpus.Release();
    }

    /// <summary>2,000,000 controlled steps of the 1,000-actor ring.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RingBaseline.Steps)]
    public long RingStepsBaseline() => _ring.Run();

    /// <summary>1 thread x 200,000 computes on 1 CPU (boot and task start included).</summary>
    [Benchmark(OperationsPerInvoke = KernelSizes.Traps1Cpu)]
    public long Compute_1Cpu_1Thread() => _oneCpu.Run();

    /// <summary>2 threads x 100,000 computes on 2 CPUs (boot and task starts included).</summary>
    [Benchmark(OperationsPerInvoke = KernelSizes.Traps2Cpus)]
    public long Compute_2Cpus_2Threads() => _twoCpus.Run();
}
