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
}
