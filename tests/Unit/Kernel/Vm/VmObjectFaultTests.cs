using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmObjectKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmObjectFaultTests
{
    [Fact]
    public void RequestPage_TwoFaultsOnMissingPage_OnlyTheFirstSendsADataRequest()
    {
        var obj = ReadyObject(out _);

        var first = obj.RequestPage(Page(3), VmProt.Read, Fault(1));
        var firstEffects = obj.TakeEffects();
        var second = obj.RequestPage(Page(3), VmProt.Read, Fault(2));

        Assert.Equal(VmFaultOutcome.Wait, first.Outcome);
        Assert.Equal(VmFaultOutcome.Wait, second.Outcome);
        Assert.Equal(["DataRequest", "StartTimer"], Kinds(firstEffects));
        var request = Assert.IsType<DataRequest>(Sent(firstEffects)[0]);
        Assert.Equal((Page(3), (long)PageSize, VmProt.Read), (request.Offset, request.Length, request.DesiredAccess));
        Assert.Empty(obj.TakeEffects());
        var page = obj.Page(Page(3))!;
        Assert.True(page.Busy && page.Absent);
        Assert.Equal(2, page.WaiterCount);
        Assert.Equal(1, obj.AbsentCount);
    }

    [Fact]
    public void RequestPage_PlaceholderSupplied_BothFaultsResumeThenHit()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(3), 1);
        obj.RequestPage(Page(3), VmProt.Read, Fault(2));

        obj.Receive(Supply(Page(3)));

        Assert.Equal(["CancelTimer", "Resume:1:Retry", "Resume:2:Retry", "SupplyCompleted"], Kinds(obj.TakeEffects()));
        var hit = obj.RequestPage(Page(3), VmProt.Read, Fault(1));
        Assert.Equal(VmFaultOutcome.Resident, hit.Outcome);
        Assert.NotNull(hit.Frame);
        Assert.Equal(0, obj.AbsentCount);
    }

    [Fact]
    public void RequestPage_AbsentMaxOutstanding_ParksUntilASlotFrees()
    {
        var obj = ReadyObject(out _);
        for (var i = 0; i < VmObjectState.AbsentMax; i++) RequestAndTake(obj, Page(i), i);

        var parked = obj.RequestPage(Page(100), VmProt.Read, Fault(100));

        Assert.Equal(VmFaultOutcome.Wait, parked.Outcome);
        Assert.Empty(obj.TakeEffects());
        Assert.Null(obj.Page(Page(100)));
        obj.Receive(Supply(Page(0), reply: false));
        Assert.Contains("Resume:100:Retry", Kinds(obj.TakeEffects()));
        var retry = RequestAndTake(obj, Page(100), 100);
        Assert.Equal(Page(100), retry.Offset);
    }

    [Fact]
    public void RequestPage_PagerNotReady_WaitsAndSendsNothingUntilReady()
    {
        var obj = ReadyObject(out _, ready: false);

        var answer = obj.RequestPage(Page(0), VmProt.Read, Fault(1));

        Assert.Equal(VmFaultOutcome.Wait, answer.Outcome);
        Assert.Equal(["StartReadyTimer"], Kinds(obj.TakeEffects())); // nothing is sent to the pager
        Assert.Equal(KernReturn.Success, obj.Receive(new Ready(Incarnation(), false, VmCopyStrategy.Delay)));
        Assert.Equal(["CancelReadyTimer", "Resume:1:Retry"], Kinds(obj.TakeEffects()));
        RequestAndTake(obj, Page(0), 1);
    }

    [Fact]
    public void ReadyTimedOut_PagerSilentAfterInit_WaitersFailAndALaterFaultWaitsAgain()
    {
        var obj = ReadyObject(out _, ready: false);
        obj.RequestPage(Page(0), VmProt.Read, Fault(1));
        obj.RequestPage(Page(1), VmProt.Read, Fault(2));
        var timer = Assert.IsType<VmObjectEffect.StartReadyTimer>(Assert.Single(obj.TakeEffects()));

        Assert.Equal(KernReturn.Success, obj.ReadyTimedOut(timer.Generation));

        Assert.Equal(["Resume:1:MemoryError", "Resume:2:MemoryError"], Kinds(obj.TakeEffects()));
        Assert.Equal(2, obj.Counts.TimedOut);
        Assert.Equal(KernReturn.InvalidArgument, obj.ReadyTimedOut(timer.Generation)); // stale
        Assert.Equal(VmFaultOutcome.Wait, obj.RequestPage(Page(0), VmProt.Read, Fault(3)).Outcome);
        var again = Assert.IsType<VmObjectEffect.StartReadyTimer>(Assert.Single(obj.TakeEffects()));
        Assert.NotEqual(timer.Generation, again.Generation);
    }

    [Fact]
    public void RequestPage_PageLockForbidsWrite_SendsOneUnlockWithoutKeepingThePageBusy()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(2), lockValue: VmProt.Write, reply: false));
        obj.TakeEffects();

        var write = obj.RequestPage(Page(2), VmProt.Write, Fault(1));
        var unlock = Assert.IsType<DataUnlock>(Assert.Single(Sent(obj.TakeEffects())));
        var again = obj.RequestPage(Page(2), VmProt.Write, Fault(2));
        var againEffects = obj.TakeEffects();
        var read = obj.RequestPage(Page(2), VmProt.Read, Fault(3));
        var wider = obj.RequestPage(Page(2), VmProt.Write | VmProt.Execute, Fault(4));

        Assert.Equal(VmFaultOutcome.Wait, write.Outcome);
        Assert.Equal(VmProt.Write, unlock.DesiredAccess);
        Assert.Equal(VmFaultOutcome.Wait, again.Outcome);
        Assert.Empty(againEffects);
        Assert.Equal(VmFaultOutcome.Resident, read.Outcome);
        Assert.False(obj.Page(Page(2))!.Busy);
        Assert.Equal(VmFaultOutcome.Wait, wider.Outcome);
        Assert.Equal(VmProt.Write | VmProt.Execute, Assert.IsType<DataUnlock>(Assert.Single(Sent(obj.TakeEffects()))).DesiredAccess);
    }

    [Fact]
    public void RequestPage_NoPager_AnswersUnavailableWithTheShadow()
    {
        var obj = new VmObjectState(PageSize, new FakeFrames(), name: 1) { Shadow = new VmShadowLink(PagerPort, Page(8)) };

        var answer = obj.RequestPage(Page(1), VmProt.Read, Fault(1));

        Assert.Equal(VmFaultOutcome.Unavailable, answer.Outcome);
        Assert.Equal(new VmShadowLink(PagerPort, Page(8)), answer.Shadow);
        Assert.Empty(obj.TakeEffects());
    }

    [Fact]
    public void AbortFault_LastWaiterOfPlaceholder_FreesItAndTheNextFaultAsksAgain()
    {
        var obj = ReadyObject(out _);
        var first = RequestAndTake(obj, Page(5), 1);

        Assert.Equal(KernReturn.Success, obj.AbortFault(Page(5), Fault(1)));
        Assert.Equal(["CancelTimer"], Kinds(obj.TakeEffects()));
        Assert.Null(obj.Page(Page(5)));
        var second = RequestAndTake(obj, Page(5), 2);

        Assert.True(second.Seqno > first.Seqno);
        Assert.Equal(first.Offset, second.Offset);
        Assert.Equal(KernReturn.InvalidArgument, obj.AbortFault(Page(5), Fault(9)));
    }

    [Fact]
    public void AbortFault_LateSupplyOfTheAbortedRequest_IsAcceptedAsUnsolicited()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(5), 1);
        obj.AbortFault(Page(5), Fault(1));
        obj.TakeEffects();

        obj.Receive(Supply(Page(5)));

        var completed = Assert.IsType<SupplyCompleted>(Assert.Single(Sent(obj.TakeEffects())));
        Assert.Equal(KernReturn.Success, completed.Result);
        Assert.Equal(1, obj.Counts.SupplyUnsolicited);
        Assert.False(obj.Page(Page(5))!.Absent);
    }

    [Fact]
    public void PagerTimedOut_PagerNeverAnswers_FaultsGetMemoryErrorAndTheNextTouchAsksAgain()
    {
        var obj = ReadyObject(out _);
        var request = RequestAndTake(obj, Page(1), 1);
        obj.RequestPage(Page(1), VmProt.Read, Fault(2));

        Assert.Equal(KernReturn.Success, obj.PagerTimedOut(Page(1), request.Seqno));

        var resumed = Resumed(obj.TakeEffects());
        Assert.Equal([1L, 2L], resumed.Select(r => r.Waiter.FaultId));
        Assert.All(resumed, r => Assert.Equal((VmFaultOutcome.MemoryError, KernReturn.MemoryError), (r.Answer.Outcome, r.Answer.Error)));
        Assert.Null(obj.Page(Page(1)));
        Assert.Equal((1L, 0), (obj.Counts.TimedOut, obj.AbsentCount));
        RequestAndTake(obj, Page(1), 3);
    }

    [Fact]
    public void PagerTimedOut_RequestAnsweredMeanwhile_IsIgnored()
    {
        var obj = ReadyObject(out _);
        var request = RequestAndTake(obj, Page(1), 1);
        obj.Receive(Supply(Page(1), reply: false));
        obj.TakeEffects();

        Assert.Equal(KernReturn.InvalidArgument, obj.PagerTimedOut(Page(1), request.Seqno));
        Assert.Empty(obj.TakeEffects());
        Assert.Equal(0, obj.Counts.TimedOut);
        Assert.NotNull(obj.Page(Page(1))!.Frame);
    }

    [Fact]
    public void Emit_EveryKernelToPagerMessage_CarriesConsecutivePerObjectSeqnos()
    {
        var frames = new FakeFrames();
        var obj = new VmObjectState(PageSize, frames, name: 5);
        obj.Bind(PagerPort, Incarnation());
        obj.Receive(new Ready(Incarnation(), false, VmCopyStrategy.Delay));
        obj.RequestPage(Page(0), VmProt.Read, Fault(1));
        obj.RequestPage(Page(1), VmProt.Read, Fault(2));
        obj.Receive(Supply(Page(0)));

        var seqnos = Sent(obj.TakeEffects()).Select(m => m.Seqno);

        Assert.Equal([0L, 1L, 2L, 3L], seqnos);
        Assert.Equal(4, obj.NextSeqno);
    }
}
