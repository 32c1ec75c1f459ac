using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmObjectKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmObjectTerminateTests
{
    [Fact]
    public void Terminate_DirtyPreciousCleanAndPlaceholder_ReturnsDataFreesAllAndSendsTerminateLast()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), reply: false));
        obj.Receive(Supply(Page(1), precious: true, reply: false));
        obj.Receive(Supply(Page(2), reply: false));
        obj.SetDirty(Page(0));
        RequestAndTake(obj, Page(3), 1);

        Assert.Equal(KernReturn.Success, obj.Terminate());

        var effects = obj.TakeEffects();
        Assert.Equal(["DataReturn", "DataReturn", "CancelTimer", "Resume:1:MemoryError", "Terminate"], Kinds(effects));
        var sent = Sent(effects);
        Assert.Equal([Page(0), Page(1)], sent.OfType<DataReturn>().Select(r => r.Offset));
        Assert.All(sent.OfType<DataReturn>(), r => Assert.False(r.KernelCopy));
        Assert.Equal(Incarnation(), Assert.IsType<Terminate>(sent[^1]).Control);
        Assert.Equal((VmObjectLife.Terminated, 0, 0), (obj.Life, frames.Held, obj.AbsentCount));
        Assert.Empty(obj.Pages);
    }

    [Fact]
    public void Receive_AfterTerminate_StaleControlIsIgnoredAndCounted()
    {
        var obj = ReadyObject(out _);
        obj.Terminate();
        obj.TakeEffects();

        Assert.Equal(KernReturn.InvalidName, obj.Receive(Supply(Page(0))));
        Assert.Equal(KernReturn.InvalidName, obj.Receive(new LockRequest(Incarnation(), 0, PageSize, LockReturnPolicy.All, true, null, ReplyPort)));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal((2L, 0L), (obj.Counts.StaleControl, obj.Counts.UnknownControl));
        Assert.Empty(obj.Pages);
    }

    [Fact]
    public void Receive_UnknownControl_IsIgnoredAndCounted()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);

        Assert.Equal(KernReturn.InvalidName, obj.Receive(Supply(Page(0), control: Incarnation(42))));
        Assert.Equal(KernReturn.InvalidName, obj.Receive(new Ready(Incarnation(43), true, VmCopyStrategy.Call)));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal(2, obj.Counts.UnknownControl);
        Assert.True(obj.Page(Page(0))!.Busy);
        Assert.False(obj.MayCache);
    }

    [Fact]
    public void Terminate_PagingInProgress_WaitsUntilItDrops()
    {
        var obj = ReadyObject(out _);
        obj.BeginPaging();

        obj.Terminate();
        var whilePaging = obj.TakeEffects();
        obj.EndPaging();

        Assert.Empty(whilePaging);
        Assert.Equal(["Terminate"], Kinds(obj.TakeEffects()));
    }

    [Fact]
    public void Terminate_DuringPageout_DataReturnPrecedesTerminate()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));
        obj.BeginPageOut(Page(0), flush: true);

        obj.Terminate();
        var whilePaging = obj.TakeEffects();
        obj.FinishPageOut(Page(0));

        Assert.Empty(whilePaging);
        Assert.Equal(["DataReturn", "Terminate"], Kinds(obj.TakeEffects()));
    }

    [Fact]
    public void Bind_WhileTerminating_InitIsSentOnlyAfterTerminate()
    {
        var obj = ReadyObject(out _);
        obj.BeginPaging();
        obj.Terminate();

        Assert.Equal(KernReturn.Success, obj.Bind(PagerPort, Incarnation(2)));
        var beforeTerminate = obj.TakeEffects();
        obj.EndPaging();

        Assert.Empty(beforeTerminate);
        var sent = Sent(obj.TakeEffects());
        Assert.Equal(Incarnation(1), Assert.IsType<Terminate>(sent[0]).Control);
        Assert.Equal(Incarnation(2), Assert.IsType<MemoryObjectInit>(sent[1]).Control);
        Assert.Equal((VmObjectLife.Active, VmPagerBinding.InitSent), (obj.Life, obj.Binding));
        Assert.Equal(KernReturn.InvalidName, obj.Receive(new Ready(Incarnation(1), false, VmCopyStrategy.Delay)));
        Assert.Equal(KernReturn.InvalidArgument, obj.Bind(PagerPort, Incarnation(1)));
    }

    [Fact]
    public void ChangeAttributes_UncachingAnUnreferencedObject_TerminateArrivesBeforeChangeCompleted()
    {
        var obj = ReadyObject(out _, mayCache: true);

        obj.Receive(new ChangeAttributes(Incarnation(), false, VmCopyStrategy.Delay, ReplyPort));

        var effects = obj.TakeEffects();
        Assert.Equal(["Terminate", "ChangeCompleted"], Kinds(effects));
        Assert.False(Assert.IsType<ChangeCompleted>(Sent(effects)[1]).MayCache);
        Assert.Equal(VmObjectLife.Terminated, obj.Life);
    }

    [Fact]
    public void ChangeAttributes_ReferencedObject_OnlyChangeCompleted()
    {
        var obj = ReadyObject(out _, mayCache: true);
        obj.AddReference();

        obj.Receive(new ChangeAttributes(Incarnation(), false, VmCopyStrategy.Call, ReplyPort));

        Assert.Equal(["ChangeCompleted"], Kinds(obj.TakeEffects()));
        Assert.Equal((VmObjectLife.Active, VmCopyStrategy.Call), (obj.Life, obj.CopyStrategy));
    }

    [Fact]
    public void RemoveReference_LastOfUncacheableObject_Terminates()
    {
        var cached = ReadyObject(out _, mayCache: true);
        var uncached = ReadyObject(out _, mayCache: false);
        cached.AddReference();
        uncached.AddReference();

        cached.RemoveReference();
        uncached.RemoveReference();

        Assert.Empty(cached.TakeEffects());
        Assert.Equal(["Terminate"], Kinds(uncached.TakeEffects()));
        Assert.Equal(KernReturn.InvalidArgument, cached.RemoveReference());
    }

    [Fact]
    public void Destroy_FromThePager_FailsWaitingFaultsAndTerminates()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);

        Assert.Equal(KernReturn.Success, obj.Receive(new Destroy(Incarnation(), KernReturn.Success)));

        Assert.Equal(["CancelTimer", "Resume:1:MemoryError", "Terminate"], Kinds(obj.TakeEffects()));
    }

    [Fact]
    public void PagerDied_FaultsPending_AllWokenWithMemoryErrorAndNothingMoreIsSent()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);
        obj.RequestPage(Page(0), VmProt.Read, Fault(2));
        obj.Receive(Supply(Page(1), lockValue: VmProt.Write, reply: false));
        obj.SetDirty(Page(1));
        obj.RequestPage(Page(1), VmProt.Write, Fault(3));
        obj.TakeEffects();

        Assert.Equal(KernReturn.Success, obj.PagerDied());

        var effects = obj.TakeEffects();
        Assert.Equal(["CancelTimer", "Resume:1:MemoryError", "Resume:2:MemoryError", "CancelTimer", "Resume:3:MemoryError"], Kinds(effects)); // the request's and the unlock's timers
        Assert.Null(obj.Page(Page(0)));
        Assert.Equal(VmFaultOutcome.MemoryError, obj.RequestPage(Page(2), VmProt.Read, Fault(4)).Outcome);
        Assert.Equal(KernReturn.InvalidName, obj.Receive(Supply(Page(0))));
        obj.Terminate();
        Assert.Empty(obj.TakeEffects());
        Assert.Equal(1, obj.Counts.Discarded);
    }

    [Fact]
    public void GetAttributes_BeforeAndAfterReady_ReportsReadiness()
    {
        var obj = ReadyObject(out _, ready: false);

        obj.Receive(new GetAttributes(Incarnation(), ReplyPort));
        obj.Receive(new Ready(Incarnation(), true, VmCopyStrategy.Temporary));
        obj.Receive(new GetAttributes(Incarnation(), ReplyPort));

        var replies = Sent(obj.TakeEffects()).OfType<AttributesReply>().ToList();
        Assert.Equal([false, true], replies.Select(r => r.Ready));
        Assert.Equal((true, VmCopyStrategy.Temporary), (replies[1].MayCache, replies[1].CopyStrategy));
    }

    [Fact]
    public void CreateForDefaultPager_InternalObject_IsReadyAtOnceAndDiscardsDataAtTermination()
    {
        var frames = new FakeFrames();
        var obj = new VmObjectState(PageSize, frames, name: 3);
        Assert.Equal(KernReturn.Success, obj.CreateForDefaultPager(PagerPort, Incarnation(), memoryObject: 9, size: Page(16)));
        Assert.IsType<MemoryObjectCreate>(Assert.Single(Sent(obj.TakeEffects())));

        RequestAndTake(obj, Page(0), 1);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));
        obj.TakeEffects();
        obj.Terminate();

        Assert.Equal(["Terminate"], Kinds(obj.TakeEffects()));
        Assert.Equal(0, frames.Held);
    }
}
