using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Pagers.Compressing;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers.Compressing;

/// <summary>The compressing pager on whole machines: pages paged out under memory pressure come back intact, and compressible pages report their ratio.</summary>
public sealed class CompressingPagerTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    /// <summary>Page <paramref name="p"/>'s contents: a 32-byte pattern of its number, repeated (compressible).</summary>
    private static byte[] Page(int p, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)((p * 7) + (i % 32)))];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MemoryPressure_PagesOutToThePagerAndBack_RoundTripsAndReportsTheRatio(DispatcherKind dispatcher)
    {
        const int pages = 96;
        var config = new MachineConfig { FrameCount = 64, Disks = [new DiskConfig { Name = "swap" }], SwapDisk = "swap" };
        using var m = new PagerMachine(dispatcher, size => new CompressingPager(size), config);
        var size = m.PageSize;
        var mismatches = new List<int>();
        var untouched = Array.Empty<byte>();
        m.Kit.Start(async env =>
        {
            var at = await PagerMachine.Map(env, pages + 1);
            for (var p = 0; p < pages; p++) await env.Mem.Write(at + (ulong)(p * size), Page(p, size));
            for (var p = 0; p < pages; p++)
            {
                if (!(await env.Mem.Read(at + (ulong)(p * size), size)).AsSpan().SequenceEqual(Page(p, size))) mismatches.Add(p);
            }
            untouched = await env.Mem.Read(at + (ulong)(pages * size), size);
        });
        m.Kit.RunToEnd(Duration.FromSeconds(30));

        Assert.Empty(mismatches);
        Assert.Equal(new byte[size], untouched); // never returned: data_unavailable, zero fill
        Assert.Empty(m.Kit.Machine.Status.Faults);
        var stats = m.Ask<CompressingPagerStats>(GetCompressingPagerStats.Instance);
        Assert.True(stats.Returns >= pages - 64, stats.ToString()); // at least the pages that did not fit were paged out to it
        Assert.True(stats.Supplies > 0, stats.ToString()); // and some were paged back in from it
        Assert.True(stats.ZeroFills >= pages, stats.ToString());
        Assert.Equal(0, stats.Refused);
        Assert.Equal((long)stats.PagesStored * size, stats.RawBytes);
        Assert.True(stats.Ratio > 20, stats.ToString());
        m.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void UnmapAndRemap_ReturnedPagesServedFromTheStore(DispatcherKind dispatcher)
    {
        using var m = new PagerMachine(dispatcher, size => new CompressingPager(size));
        var size = m.PageSize;
        var again = Array.Empty<byte>();
        m.Kit.Start(async env =>
        {
            var at = await PagerMachine.Map(env, 2);
            await env.Mem.Write(at + (ulong)size, Page(1, size));
            await env.VmDeallocate(env.TaskSelf, at, (ulong)(2 * size));
            var remapped = await PagerMachine.Map(env, 2);
            again = await env.Mem.Read(remapped, 2 * size);
        });
        m.RunToEnd();

        Assert.Equal([.. new byte[size], .. Page(1, size)], again);
        var stats = m.Ask<CompressingPagerStats>(GetCompressingPagerStats.Instance);
        Assert.Equal((1, 1L, 1L), (stats.PagesStored, stats.Returns, stats.Supplies));
    }
}
