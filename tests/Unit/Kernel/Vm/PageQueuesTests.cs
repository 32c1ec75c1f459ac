using MachActors.Hardware;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class PageQueuesTests
{
    private static readonly PageOwner Owner = new(ObjectId: 3, Offset: 8192);

    private readonly PhysicalMemory _memory = new(pageSize: 512, frameCount: 100);
    private readonly PageQueues _queues;

    public PageQueuesTests() => _queues = new PageQueues(_memory, freeReserved: 0);

    [Fact]
    public void Targets_Default1024Frames_AreAsSpecSection5Says()
    {
        var queues = new PageQueues(PhysicalMemory.Create(new MachineConfig()));

        // reserved 15; free_min = 15 + 10 + 1024/100 = 35; free_target = 15 + 15 + 1024/80 = 42 (>= 35 + 5)
        Assert.Equal(new PageQueueTargets(15, 35, 42), queues.Targets);
        Assert.Equal(new PageQueueTargets(50, 70, 77), PageQueueTargets.Compute(1024, freeReserved: 50));
        Assert.Equal(1024, queues.FreeCount);
    }

    [Fact]
    public void Targets_SmallMemory_FreeTargetIsAtLeastFreeMinPlusFive()
    {
        Assert.Equal(new PageQueueTargets(0, 10, 15), PageQueueTargets.Compute(10, 0));
        Assert.Equal(new PageQueueTargets(0, 10, 15), PageQueueTargets.Compute(-5, -1));
    }

    [Fact]
    public void Allocate_TakesTheOldestFreeFrameAndClearsItsHardwareBits()
    {
        _memory.Write(new FrameNumber(0), 0, new byte[] { 1 });

        var frame = _queues.Allocate(Owner);

        Assert.Equal(new FrameNumber(0), frame);
        Assert.Equal(FrameBits.None, _memory.GetBits(frame!.Value));
        _queues.Get(frame.Value, out var info);
        Assert.Equal(new PageInfo(frame.Value, PageQueue.None, Owner, PageFlags.None, false), info);
        Assert.Equal(99, _queues.FreeCount);
    }

    [Fact]
    public void Allocate_AtTheReserve_OnlyPrivilegedSucceeds()
    {
        var queues = new PageQueues(new PhysicalMemory(512, 4), freeReserved: 3);
        Assert.NotNull(queues.Allocate(Owner)); // 4 free, above the reserve: leaves exactly the reserve

        Assert.Null(queues.Allocate(Owner)); // 3 free = free_reserved: the reserve is the privileged callers'
        Assert.Equal(3, queues.FreeCount);
        Assert.NotNull(queues.Allocate(Owner, privileged: true));
        Assert.NotNull(queues.Allocate(Owner, privileged: true));
        Assert.NotNull(queues.Allocate(Owner, privileged: true));
        Assert.Null(queues.Allocate(Owner, privileged: true));
    }

    [Fact]
    public void Free_GoesToTheTailAndTwiceIsACode()
    {
        var frame = _queues.Allocate(Owner)!.Value;

        Assert.Equal(PageStatus.Success, _queues.Free(frame));

        Assert.Equal(frame, _queues.Frames(PageQueue.Free)[^1]);
        Assert.Equal(PageStatus.FrameFree, _queues.Free(frame));
    }

    [Fact]
    public void EveryCall_BadOrFreeFrame_IsACode()
    {
        var bad = new FrameNumber(100);
        var free = new FrameNumber(5);

        Assert.Equal(PageStatus.InvalidFrame, _queues.Free(bad));
        Assert.Equal(PageStatus.InvalidFrame, _queues.Activate(bad));
        Assert.Equal(PageStatus.InvalidFrame, _queues.Deactivate(bad));
        Assert.Equal(PageStatus.InvalidFrame, _queues.SetFlags(bad, PageFlags.Busy, true));
        Assert.Equal(PageStatus.InvalidFrame, _queues.Get(bad, out _));
        Assert.Equal(PageStatus.InvalidFrame, _queues.CompleteUnmap(bad, out _));
        Assert.Equal(PageStatus.FrameFree, _queues.Activate(free));
        Assert.Equal(PageStatus.FrameFree, _queues.Deactivate(free));
        Assert.Equal(PageStatus.FrameFree, _queues.SetFlags(free, PageFlags.Dirty, true));
        Assert.Equal(PageStatus.FrameFree, _queues.CompleteUnmap(free, out _));
    }

    [Fact]
    public void ActivateAndDeactivate_MoveBetweenQueuesAndDeactivateClearsReferenceBits()
    {
        var frame = Active();
        _queues.SetFlags(frame, PageFlags.Referenced, true);
        _memory.Read(frame, 0, new byte[1]);

        Assert.Equal(PageStatus.Success, _queues.Deactivate(frame));

        Assert.Equal([frame], _queues.Frames(PageQueue.Inactive));
        Assert.Equal(0, _queues.ActiveCount);
        _queues.Get(frame, out var info);
        Assert.Equal(PageFlags.None, info.Flags);
        Assert.Equal(FrameBits.None, _memory.GetBits(frame));
    }

    [Fact]
    public void Wiring_TakesThePageOffTheQueuesAndUnwiringActivatesIt()
    {
        var frame = Active();

        _queues.SetFlags(frame, PageFlags.Wired, true);

        Assert.Equal(0, _queues.ActiveCount);
        Assert.Equal(PageStatus.Wired, _queues.Deactivate(frame));
        _queues.SetFlags(frame, PageFlags.Wired, false);
        Assert.Equal([frame], _queues.Frames(PageQueue.Active));
    }

    [Fact]
    public void ShouldWakeDaemon_FollowsFreeMinAndFreeTarget()
    {
        var queues = new PageQueues(new PhysicalMemory(512, 100), freeReserved: 0); // free_min 11, free_target 16
        var frames = new List<FrameNumber>();
        while (queues.FreeCount > 16) frames.Add(queues.Allocate(Owner)!.Value);
        foreach (var f in frames) queues.Activate(f);
        Assert.False(queues.ShouldWakeDaemon); // free 16 = target

        frames.Add(queues.Allocate(Owner)!.Value); // free 15 < target, inactive 0 < its target
        Assert.True(queues.ShouldWakeDaemon);

        foreach (var f in frames) queues.Deactivate(f); // inactive 85 >= 2/3 x 85
        Assert.False(queues.ShouldWakeDaemon);

        while (queues.FreeCount >= 11) queues.Allocate(Owner); // below free_min
        Assert.True(queues.ShouldWakeDaemon);
    }

    [Fact]
    public void Refill_MovesOldestActiveToInactiveUpToTargetSkippingBusy()
    {
        var frames = Enumerable.Range(0, 6).Select(_ => Active()).ToList();
        _queues.SetFlags(frames[0], PageFlags.Busy, true);

        var moved = _queues.Refill();

        Assert.Equal(4, moved); // target 2/3 x 6
        Assert.Equal(frames[1..5], _queues.Frames(PageQueue.Inactive));
        Assert.Equal([frames[5], frames[0]], _queues.Frames(PageQueue.Active));
    }

    [Fact]
    public void ScanStep_EmptyInactive_IsEmpty()
    {
        Assert.Equal(ScanAction.Empty, _queues.ScanStep().Action);
    }

    [Fact]
    public void ScanStep_Busy_TakesItOffTheQueuesAndLeavesIt()
    {
        var frame = Inactive();
        _queues.SetFlags(frame, PageFlags.Busy, true);

        Assert.Equal(new ScanDecision(ScanAction.SkippedBusy, frame, Owner), _queues.ScanStep());

        _queues.Get(frame, out var info);
        Assert.Equal(PageQueue.None, info.Queue);
        Assert.Equal(0, _queues.InactiveCount);
    }

    [Fact]
    public void ScanStep_Absent_FreesIt()
    {
        var frame = Inactive();
        _queues.SetFlags(frame, PageFlags.Absent, true);

        Assert.Equal(ScanAction.FreedAbsent, _queues.ScanStep().Action);
        Assert.Equal(frame, _queues.Frames(PageQueue.Free)[^1]);
    }

    [Fact]
    public void ScanStep_ReferencedPage_SurvivesOnePassButNotTwo()
    {
        var frame = Inactive();
        _memory.Read(frame, 0, new byte[1]); // the hardware reference bit

        Assert.Equal(ScanAction.Reactivated, _queues.ScanStep().Action);
        Assert.Equal([frame], _queues.Frames(PageQueue.Active));

        Assert.Equal(PageStatus.Success, _queues.Deactivate(frame)); // the next refill; deactivation clears the bit
        Assert.Equal(new ScanDecision(ScanAction.Unmap, frame, Owner), _queues.ScanStep());
        _queues.Get(frame, out var info);
        Assert.True(info.Evicting);
        Assert.Equal(PageQueue.None, info.Queue);
        Assert.True(info.Flags.HasFlag(PageFlags.Busy));
    }

    [Fact]
    public void ScanStep_SoftwareReferenceBit_AlsoGivesASecondChance()
    {
        var frame = Inactive();
        _queues.SetFlags(frame, PageFlags.Referenced, true);

        Assert.Equal(ScanAction.Reactivated, _queues.ScanStep().Action);
    }

    [Fact]
    public void CompleteUnmap_CleanPage_IsFreed()
    {
        var frame = Evicting();

        Assert.Equal(PageStatus.Success, _queues.CompleteUnmap(frame, out var decision));

        Assert.Equal(new ScanDecision(ScanAction.Freed, frame, Owner), decision);
        Assert.Equal(frame, _queues.Frames(PageQueue.Free)[^1]);
        Assert.Equal(PageStatus.FrameFree, _queues.CompleteUnmap(frame, out _));
    }

    [Fact]
    public void CompleteUnmap_HardwareModified_FoldsIntoDirtyAndPagesOut()
    {
        var frame = Evicting();
        _memory.Write(frame, 0, new byte[] { 1 }); // through a TLB entry not yet shot down

        _queues.CompleteUnmap(frame, out var decision);

        Assert.Equal(ScanAction.Pageout, decision.Action);
        _queues.Get(frame, out var info);
        Assert.Equal(PageFlags.Busy | PageFlags.Dirty, info.Flags);
        Assert.False(info.Evicting);
        Assert.Equal(FrameBits.None, _memory.GetBits(frame));
    }

    [Fact]
    public void CompleteUnmap_PreciousCleanPage_PagesOut()
    {
        var frame = Inactive();
        _queues.SetFlags(frame, PageFlags.Precious, true);
        _queues.ScanStep();

        _queues.CompleteUnmap(frame, out var decision);

        Assert.Equal(ScanAction.Pageout, decision.Action);
    }

    [Fact]
    public void CompleteUnmap_NotHandedOut_IsNotEvicting()
    {
        var frame = Inactive();

        Assert.Equal(PageStatus.NotEvicting, _queues.CompleteUnmap(frame, out _));
    }

    private FrameNumber Active()
    {
        var frame = _queues.Allocate(Owner)!.Value;
        Assert.Equal(PageStatus.Success, _queues.Activate(frame));
        return frame;
    }

    private FrameNumber Inactive()
    {
        var frame = Active();
        Assert.Equal(PageStatus.Success, _queues.Deactivate(frame));
        return frame;
    }

    private FrameNumber Evicting()
    {
        var frame = Inactive();
        Assert.Equal(ScanAction.Unmap, _queues.ScanStep().Action);
        return frame;
    }
}
