using BenchmarkDotNet.Attributes;

namespace MachActors.Bench.Vm;

/// <summary>
/// Page faults and pageouts per second of host time, on a 1-CPU machine with a swap disk and the
/// default pager, on the controlled dispatcher (seed 42, recording on); a fresh machine per
/// iteration, every run checked exactly after it ends (<see cref="VmWorkload.Verify"/>: the
/// machine's VM counters of the measured part and the program's own data checks).
/// Baseline: a zero-fill fault served in the kernel (no pager, no pressure), so the Ratio of
/// <see cref="DefaultPagerFaults"/> is the cost of the external pager path per fault, and that of
/// <see cref="Pageouts"/> the cost of a page written under pressure (its zero-fill fault and its
/// pageout) per pageout.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class VmFaultBenchmarks
{
    private readonly VmWorkload _zeroFill = VmSizes.ZeroFill();
    private readonly VmWorkload _pagerFaults = VmSizes.PagerFaults();
    private readonly VmWorkload _pageouts = VmSizes.PageoutsUnderPressure();

    /// <summary>Untimed whole verified runs (JIT and PGO settle; the determinism reference).</summary>
    [GlobalSetup(Target = nameof(ZeroFillFaults))]
    public void WarmUpZeroFill() => _zeroFill.WarmUp(VmSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(DefaultPagerFaults))]
    public void WarmUpPagerFaults() => _pagerFaults.WarmUp(VmSizes.WarmUpRuns);

    [GlobalSetup(Target = nameof(Pageouts))]
    public void WarmUpPageouts() => _pageouts.WarmUp(VmSizes.WarmUpRuns);

    [IterationSetup(Target = nameof(ZeroFillFaults))]
    public void SetUpZeroFill() => _zeroFill.Prepare();

    [IterationCleanup(Target = nameof(ZeroFillFaults))]
    public void TearDownZeroFill()
    {
        _zeroFill.Verify();
        _zeroFill.Release();
    }

    /// <summary>Not measured: boot, then write 4,096 pages on 256 frames and read 512 more, until all 4,096 are on swap and the disk is idle.</summary>
    [IterationSetup(Target = nameof(DefaultPagerFaults))]
    public void SetUpPagerFaults() => _pagerFaults.Prepare();

    [IterationCleanup(Target = nameof(DefaultPagerFaults))]
    public void TearDownPagerFaults()
    {
        _pagerFaults.Verify();
        _pagerFaults.Release();
    }

    [IterationSetup(Target = nameof(Pageouts))]
    public void SetUpPageouts() => _pageouts.Prepare();

    [IterationCleanup(Target = nameof(Pageouts))]
    public void TearDownPageouts()
    {
        _pageouts.Verify();
        _pageouts.Release();
    }

    /// <summary>4,096 zero-fill faults (read 8 bytes of each fresh page; 8,192 frames, no paging).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = VmSizes.Pages)]
    public long ZeroFillFaults() => _zeroFill.Run();

    /// <summary>4,096 pages faulted back in from swap through the default pager (read 8 bytes of each; 256 frames).</summary>
    [Benchmark(OperationsPerInvoke = VmSizes.Pages)]
    public long DefaultPagerFaults() => _pagerFaults.Run();

    /// <summary>4,096 pages written on 256 frames: 3,873 pageouts (one operation = one pageout; each written page is also a zero-fill fault).</summary>
    [Benchmark(OperationsPerInvoke = VmSizes.Pageouts)]
    public long Pageouts() => _pageouts.Run();
}
