using MachActors.Hardware;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>The paging daemon's decisions over page queues of 100 frames (reserve 0: free_min 11, free_target 16).</summary>
public sealed class PagingDaemonTests
{
    private readonly PhysicalMemory _memory = new(512, 100);
    private readonly PageQueues _queues;

    public PagingDaemonTests()
    {
        _queues = new PageQueues(_memory, freeReserved: 0);
        for (var i = 0; i < 95; i++) _queues.Activate(_queues.Allocate(new PageOwner(1, i * 512))!.Value);
    }

    [Fact]
    public void Round_FreeAboveTarget_DoesNothing()
    {
        var queues = new PageQueues(new PhysicalMemory(512, 100), freeReserved: 0);

        Assert.Empty(new PagingDaemon(queues).Round());
    }

    [Fact]
    public void Round_BelowTarget_StartsAtMostThePerRoundLimit()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 16, maxPerRound: 4);

        var started = daemon.Round();

        Assert.Equal(4, started.Count);
        Assert.Equal(4, daemon.InFlight);
        Assert.True(daemon.Running);
        Assert.All(started, e => Assert.True(_queues.Get(e.Frame, out var info) == PageStatus.Success && info.Evicting));
    }

    [Fact]
    public void Round_LaundryFull_Throttled()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 2, maxPerRound: 8);

        Assert.Equal(2, daemon.Round().Count);
        Assert.Empty(daemon.Round());
        Assert.Equal(2, daemon.Counts.Throttled); // both rounds stopped at the full laundry
    }

    [Fact]
    public void Unmapped_CleanFreedDirtyStaysUntilFrameFreed()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 16, maxPerRound: 2);
        var started = daemon.Round();
        var free = _queues.FreeCount;

        Assert.Equal(ScanAction.Freed, daemon.Unmapped(started[0].Token, objectDirty: false)!.Value.Action);
        Assert.Equal(free + 1, _queues.FreeCount);
        _memory.Write(started[1].Frame, 0, [1]); // a write through a TLB entry before the shootdown
        Assert.Equal(ScanAction.Pageout, daemon.Unmapped(started[1].Token, objectDirty: false)!.Value.Action);
        Assert.Equal(1, daemon.InFlight);

        _queues.Free(started[1].Frame);
        daemon.FrameFreed(started[1].Frame);

        Assert.Equal(0, daemon.InFlight);
        Assert.Null(daemon.Unmapped(started[1].Token, objectDirty: true));
    }

    [Fact]
    public void Declined_FrameBackOnActiveNotBusy()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 16, maxPerRound: 1);
        var eviction = Assert.Single(daemon.Round());

        Assert.True(daemon.Declined(eviction.Token));

        Assert.Equal(PageStatus.Success, _queues.Get(eviction.Frame, out var info));
        Assert.Equal((PageQueue.Active, false), (info.Queue, (info.Flags & PageFlags.Busy) != 0));
        Assert.False(daemon.Declined(eviction.Token));
    }

    /// <summary>Each eviction's page is found dirty and paged out; its frame is freed with the data_return, and the pages are reported laundered (one FrameFree).</summary>
    private void PageOutAndLaunder(PagingDaemon daemon, IReadOnlyList<PageEviction> evictions)
    {
        foreach (var e in evictions)
        {
            Assert.Equal(ScanAction.Pageout, daemon.Unmapped(e.Token, objectDirty: true)!.Value.Action);
            _queues.Free(e.Frame);
            daemon.FrameFreed(e.Frame);
        }
        daemon.Laundered(evictions.Count);
    }

    [Fact]
    public void Round_UnwrittenPagesFillTheLaundry_ThrottledUntilCredited()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 4, maxPerRound: 8);
        PageOutAndLaunder(daemon, daemon.Round());
        Assert.Equal((0, 4, 4), (daemon.InFlight, daemon.Unwritten, daemon.Laundry));

        Assert.Empty(daemon.Round());
        Assert.Equal(2, daemon.Counts.Throttled);
        daemon.Credited();
        daemon.Credited();

        Assert.Equal(2, daemon.Round().Count);
        Assert.Equal((2, 2, 4), (daemon.InFlight, daemon.Unwritten, daemon.Laundry));
        Assert.Equal((4, 4, 4L, 2L), (daemon.Counts.MaxLaundry, daemon.Counts.MaxUnwritten, daemon.Counts.Laundered, daemon.Counts.Credits));
    }

    [Fact]
    public void Round_SeededBugIgnoresUnwritten_EvictsPastTheLaundryLimit()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 4, maxPerRound: 8) { SeededBugs = SeededBugs.DaemonIgnoresUnwrittenPageouts };
        PageOutAndLaunder(daemon, daemon.Round());

        Assert.Equal(4, daemon.Round().Count); // the behaviour before credits: only evictions in flight throttle

        Assert.Equal(8, daemon.Laundry);
        Assert.Equal(8, daemon.Counts.MaxLaundry);
    }

    [Fact]
    public void Laundered_MovesPagesFromInFlightToUnwritten_LaundryUnchanged()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 16, maxPerRound: 3);
        var started = daemon.Round();
        Assert.Equal((3, 0, 3), (daemon.InFlight, daemon.Unwritten, daemon.Laundry));

        PageOutAndLaunder(daemon, started);

        Assert.Equal((0, 3, 3), (daemon.InFlight, daemon.Unwritten, daemon.Laundry));
        Assert.Equal(3, daemon.Counts.MaxLaundry);
    }

    [Fact]
    public void Credited_NothingUnwritten_CountedUnexpectedAndIgnored()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 2, maxPerRound: 8);
        PageOutAndLaunder(daemon, daemon.Round());

        daemon.Credited();
        daemon.Credited();
        daemon.Credited();

        Assert.Equal((0, 1L, 3L), (daemon.Unwritten, daemon.Counts.UnexpectedCredits, daemon.Counts.Credits));
        Assert.Equal(2, daemon.Round().Count);
    }

    [Fact]
    public void ForgetUnwritten_DefaultPagerGone_NoLongerThrottled()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 2, maxPerRound: 8);
        PageOutAndLaunder(daemon, daemon.Round());
        Assert.Empty(daemon.Round());

        daemon.ForgetUnwritten();

        Assert.Equal(2, daemon.Round().Count);
    }

    [Fact]
    public void Declined_PageoutNeverLaundered_LeavesNothingUnwritten()
    {
        var daemon = new PagingDaemon(_queues, laundryMax: 2, maxPerRound: 8);
        var started = daemon.Round();
        Assert.Equal(ScanAction.Pageout, daemon.Unmapped(started[0].Token, objectDirty: true)!.Value.Action);

        Assert.True(daemon.Declined(started[0].Token)); // the object kept the page: no data_return went, nothing is laundered

        Assert.Equal((1, 0, 1), (daemon.InFlight, daemon.Unwritten, daemon.Laundry));
        Assert.Single(daemon.Round());
    }
}
