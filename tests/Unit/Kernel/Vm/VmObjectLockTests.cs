using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmObjectKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmObjectLockTests
{
    private static LockRequest Lock(long offset, long size, LockReturnPolicy ret, bool flush, VmProt? lockValue) =>
        new(Incarnation(), offset, size, ret, flush, lockValue, ReplyPort);

    [Fact]
    public void LockRequest_ReturnDirtyWithoutFlush_LocksThenReturnsACopyThenCompletes()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));

        obj.Receive(Lock(Page(0), PageSize, LockReturnPolicy.Dirty, flush: false, VmProt.Write));

        var effects = obj.TakeEffects();
        Assert.Equal(["Restrict:Read, Execute", "DataReturn", "LockCompleted"], Kinds(effects));
        var ret = Assert.IsType<DataReturn>(Sent(effects)[0]);
        Assert.Equal((true, true), (ret.Dirty, ret.KernelCopy));
        var page = obj.Page(Page(0))!;
        Assert.False(page.Dirty);
        Assert.Equal(VmProt.Write, page.PageLock);
    }

    [Fact]
    public void LockRequest_ReturnDirtyWithFlush_ReturnsWithoutKernelCopyAndFreesThePage()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));

        obj.Receive(Lock(Page(0), Page(4), LockReturnPolicy.Dirty, flush: true, null));

        var effects = obj.TakeEffects();
        Assert.Equal(["DataReturn", "Restrict:None", "LockCompleted"], Kinds(effects));
        Assert.False(Assert.IsType<DataReturn>(Sent(effects)[0]).KernelCopy);
        Assert.Null(obj.Page(Page(0)));
        Assert.Equal(0, frames.Held);
    }

    [Fact]
    public void LockRequest_ReturnAll_ReturnsCleanPreciousPagesAsNotDirty()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), precious: true, reply: false));

        obj.Receive(Lock(Page(0), PageSize, LockReturnPolicy.All, flush: true, null));

        var ret = Assert.IsType<DataReturn>(Sent(obj.TakeEffects())[0]);
        Assert.False(ret.Dirty);
    }

    [Fact]
    public void LockRequest_ReturnDirtyOrNoneWithFlush_DiscardsPreciousAndDirtyData()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), precious: true, reply: false));
        obj.Receive(Supply(Page(1), reply: false));
        obj.SetDirty(Page(1));

        obj.Receive(Lock(Page(0), PageSize, LockReturnPolicy.Dirty, flush: true, null));
        obj.Receive(Lock(Page(1), PageSize, LockReturnPolicy.None, flush: true, null));

        Assert.Equal(["Restrict:None", "LockCompleted", "Restrict:None", "LockCompleted"], Kinds(obj.TakeEffects()));
        Assert.Empty(obj.Pages);
        Assert.Equal(0, frames.Held);
    }

    [Fact]
    public void LockRequest_NoChange_WakesUnlockWaitersWhoAskAgain()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), lockValue: VmProt.Write, reply: false));
        obj.RequestPage(Page(0), VmProt.Write, Fault(1));
        obj.TakeEffects();

        obj.Receive(Lock(Page(0), PageSize, LockReturnPolicy.None, flush: false, null));

        Assert.Equal(["CancelTimer", "Resume:1:Retry", "LockCompleted"], Kinds(obj.TakeEffects())); // the unlock's pager timer stops
        Assert.Equal(VmProt.None, obj.Page(Page(0))!.UnlockRequest);
        obj.RequestPage(Page(0), VmProt.Write, Fault(1));
        Assert.IsType<DataUnlock>(Assert.Single(Sent(obj.TakeEffects())));
    }

    [Fact]
    public void DataUnlock_NeverAnswered_TimesOutWithMemoryErrorAndALaterFaultAsksAgain()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), lockValue: VmProt.Write, reply: false));
        obj.TakeEffects();
        obj.RequestPage(Page(0), VmProt.Write, Fault(1));
        var asked = obj.TakeEffects();
        var unlock = Assert.IsType<DataUnlock>(Assert.Single(Sent(asked)));
        Assert.Equal(new VmObjectEffect.StartPagerTimer(Page(0), unlock.Seqno), asked.OfType<VmObjectEffect.StartPagerTimer>().Single());

        Assert.Equal(KernReturn.Success, obj.PagerTimedOut(Page(0), unlock.Seqno));

        Assert.Equal(["Resume:1:MemoryError"], Kinds(obj.TakeEffects()));
        Assert.Equal(KernReturn.InvalidArgument, obj.PagerTimedOut(Page(0), unlock.Seqno)); // fired once
        Assert.Equal(VmFaultOutcome.Wait, obj.RequestPage(Page(0), VmProt.Write, Fault(2)).Outcome);
        Assert.IsType<DataUnlock>(Assert.Single(Sent(obj.TakeEffects()))); // the unlock was forgotten: asked again
    }

    [Fact]
    public void LockRequest_RelaxingTheLock_LetsTheWokenWriteFaultHit()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), lockValue: VmProt.Write, reply: false));
        obj.RequestPage(Page(0), VmProt.Write, Fault(1));
        obj.TakeEffects();

        obj.Receive(Lock(Page(0), PageSize, LockReturnPolicy.None, flush: false, VmProt.None));

        Assert.Equal(["CancelTimer", "Resume:1:Retry", "LockCompleted"], Kinds(obj.TakeEffects()));
        Assert.Equal(VmFaultOutcome.Resident, obj.RequestPage(Page(0), VmProt.Write, Fault(1)).Outcome);
    }

    [Fact]
    public void LockRequest_BusyPage_WaitsForItAndCompletesAfterThePageout()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));
        obj.Receive(Supply(Page(1), reply: false));
        obj.SetDirty(Page(1));
        obj.BeginPageOut(Page(0), flush: false);

        obj.Receive(Lock(Page(0), Page(2), LockReturnPolicy.Dirty, flush: false, VmProt.Write));
        var whileBusy = obj.TakeEffects();
        obj.FinishPageOut(Page(0));

        var effects = obj.TakeEffects();
        Assert.Empty(whileBusy);
        Assert.Equal(["Restrict:Read, Execute", "Restrict:Read, Execute", "DataReturn", "LockCompleted"], Kinds(effects));
        Assert.Equal(Page(1), Assert.IsType<DataReturn>(Sent(effects)[0]).Offset);
    }

    [Fact]
    public void LockRequest_MalformedRange_IsIgnoredAndCounted()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));

        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(Lock(Page(0) + 1, PageSize, LockReturnPolicy.All, true, null)));
        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(Lock(Page(0), 0, LockReturnPolicy.All, true, null)));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal(2, obj.Counts.Malformed);
        Assert.NotNull(obj.Page(Page(0)));
    }
}
