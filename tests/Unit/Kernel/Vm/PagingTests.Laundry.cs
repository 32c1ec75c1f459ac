using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Laundry throttling on whole machines: a swap disk slow enough (a write takes over 100 ms) that the
/// paging daemon could evict far faster than the default pager writes. With the default pager's credits
/// the pages handed over and not yet written stay within the laundry limit; without them (the seeded
/// bug: the throttle counts evictions in flight only, as before the credits) the write queue grows past it.
/// </summary>
public sealed partial class PagingTests
{
    private const int Limit = PagingDaemon.DefaultLaundryMax;

    private static MachineConfig SlowSwapMachine(SeededBugs bugs = SeededBugs.None) => new()
    {
        FrameCount = Frames,
        Disks = [new DiskConfig { Name = "swap", Geometry = new DiskGeometry { RotationPeriod = Duration.FromMilliseconds(200) } }],
        SwapDisk = "swap",
        SeededBugs = bugs,
    };

    /// <summary>Writes <see cref="Pages"/> pages (each its own VM object) with a pattern, reads them back; returns the pages read wrong, the resident memory's and the default pager's counts after the disk settled.</summary>
    private static (List<int> Mismatches, VmCounts Vm, VmResidentStats Resident, DefaultPagerCounts Pager) RunOnSlowSwap(DispatcherKind dispatcher, SeededBugs bugs = SeededBugs.None)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: SlowSwapMachine(bugs));
        var mismatches = new List<int>();
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            var at = new ulong[Pages];
            for (var i = 0; i < Pages; i++)
            {
                // one object per page, touched before the next is allocated (so no two merge): a first
                // touch zero-fills without asking a pager, so the writer never waits for the swap disk
                (var code, at[i]) = await env.VmAllocate(env.TaskSelf, 0, (ulong)page);
                Assert.Equal(KernReturn.Success, code);
                await env.Mem.Write(at[i], Pattern(i, page));
            }
            for (var i = 0; i < Pages; i++)
            {
                var read = await env.Mem.Read(at[i], page);
                if (!read.AsSpan().SequenceEqual(Pattern(i, page))) mismatches.Add(i);
            }
        });
        kit.RunToEnd(Duration.FromSeconds(600));
        kit.RunFor(Duration.FromSeconds(5)); // the last writes finish and are credited
        Assert.Empty(kit.Machine.Status.Faults);
        var resident = kit.Machine.MemoryObjects.Ask<VmResidentStats>(GetVmResidentStats.Instance).GetAwaiter().GetResult();
        var pager = kit.Machine.DefaultPager!.Ask<DefaultPagerCounts>(GetDefaultPagerStats.Instance).GetAwaiter().GetResult();
        return (mismatches, kit.Machine.Status.Vm, resident, pager);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Paging_SlowSwapDisk_UnwrittenPagesStayWithinTheLaundryLimitAndTheDataComesBack(DispatcherKind dispatcher)
    {
        var (mismatches, vm, resident, pager) = RunOnSlowSwap(dispatcher);

        Assert.Empty(mismatches);
        Assert.True(vm.Pageouts >= Pages - Frames, $"pageouts {vm.Pageouts}");
        Assert.True(resident.Throttled > 0, "the daemon never waited for the disk");
        Assert.True(vm.MaxUnwritten is > 0 and <= Limit, $"kernel: at most {vm.MaxUnwritten} pages unwritten");
        Assert.True(resident.MaxLaundry <= Limit, $"laundry {resident.MaxLaundry}");
        Assert.True(pager.MaxPagesUnsettled is > 0 and <= Limit, $"default pager: {pager.MaxPagesUnsettled} pages queued at most");
        Assert.Equal((0, 0, 0), (vm.Unwritten, resident.Unwritten, pager.PagesUnsettled)); // every page credited
        Assert.Equal(vm.Pageouts, pager.Credits);
        var reserve = PageQueueTargets.Compute(Frames).FreeReserved;
        Assert.True(vm.MinFreeFrames >= reserve, $"min free {vm.MinFreeFrames}, reserve {reserve}"); // threads waited for frames, not into the reserve
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Paging_SlowSwapDiskWithoutCredits_TheWriteQueueGrowsPastTheLimit(DispatcherKind dispatcher)
    {
        var (mismatches, vm, _, pager) = RunOnSlowSwap(dispatcher, SeededBugs.DaemonIgnoresUnwrittenPageouts);

        Assert.Empty(mismatches);
        Assert.True(pager.MaxPagesUnsettled > Limit, $"default pager: {pager.MaxPagesUnsettled} pages queued at most");
        Assert.True(vm.MaxUnwritten > Limit, $"kernel: {vm.MaxUnwritten} pages unwritten at most");
    }
}
