using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmObjectKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmObjectSupplyTests
{
    [Fact]
    public void DataSupply_Placeholder_StartsCleanWithTheLockAndPreciousFlagGiven()
    {
        var obj = ReadyObject(out var frames);
        RequestAndTake(obj, Page(0), 1);

        obj.Receive(Supply(Page(0), fill: 9, lockValue: VmProt.Write, precious: true));

        var page = obj.Page(Page(0))!;
        Assert.False(page.Busy || page.Absent || page.Dirty);
        Assert.True(page.Precious);
        Assert.Equal((VmProt.Write, VmProt.None), (page.PageLock, page.UnlockRequest));
        Assert.Equal(Data(9).ToArray(), frames.Read(page.Frame!.Value).ToArray());
        var completed = Assert.IsType<SupplyCompleted>(Assert.Single(Sent(obj.TakeEffects())));
        Assert.Equal((KernReturn.Success, Page(1)), (completed.Result, completed.ErrorOffset));
    }

    [Fact]
    public void DataSupply_NeverRequestedAndNothingResident_IsAcceptedAndCounted()
    {
        var obj = ReadyObject(out _);

        Assert.Equal(KernReturn.Success, obj.Receive(Supply(Page(7))));

        Assert.Equal(["SupplyCompleted"], Kinds(obj.TakeEffects()));
        Assert.Equal(1, obj.Counts.SupplyUnsolicited);
        Assert.Equal(VmFaultOutcome.Resident, obj.RequestPage(Page(7), VmProt.Read, Fault(1)).Outcome);
    }

    [Fact]
    public void DataSupply_Twice_SecondIsRefusedMemoryPresentAndTheDataKept()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(2), fill: 1));
        obj.TakeEffects();

        obj.Receive(Supply(Page(2), fill: 50));

        var completed = Assert.IsType<SupplyCompleted>(Assert.Single(Sent(obj.TakeEffects())));
        Assert.Equal((KernReturn.MemoryPresent, Page(2)), (completed.Result, completed.ErrorOffset));
        Assert.Equal(Data(1).ToArray(), frames.Read(obj.Page(Page(2))!.Frame!.Value).ToArray());
        Assert.Equal(1, obj.Counts.SupplyRefused);
    }

    [Fact]
    public void DataSupply_MultiPageHittingAResidentPage_StopsThere()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(1), reply: false));
        RequestAndTake(obj, Page(0), 1);

        obj.Receive(Supply(Page(0), fill: 10, pages: 3));

        Assert.Equal(["CancelTimer", "Resume:1:Retry", "SupplyCompleted"], Kinds(obj.TakeEffects()));
        Assert.False(obj.Page(Page(0))!.Absent);
        Assert.Null(obj.Page(Page(2)));
        Assert.Equal(1, obj.Counts.SupplyRefused);
    }

    [Fact]
    public void DataSupply_NonBusyAbsentPage_IsRefused()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);
        obj.Receive(new DataUnavailable(Incarnation(), Page(0), PageSize));
        obj.TakeEffects();

        obj.Receive(Supply(Page(0)));

        Assert.Equal(KernReturn.MemoryPresent, Assert.IsType<SupplyCompleted>(Assert.Single(Sent(obj.TakeEffects()))).Result);
    }

    [Fact]
    public void DataSupply_BusyPageBeingPagedOut_WaitsAndReChecksAfterThePageout()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));
        Assert.Equal(KernReturn.Success, obj.BeginPageOut(Page(0), flush: true));

        obj.Receive(Supply(Page(0), fill: 30));
        var whileBusy = obj.TakeEffects();
        obj.FinishPageOut(Page(0));

        Assert.Empty(whileBusy);
        Assert.Equal(["DataReturn", "SupplyCompleted"], Kinds(obj.TakeEffects()));
        Assert.Equal(2, obj.Counts.SupplyUnsolicited); // the first supply and the re-checked one
    }

    [Fact]
    public void DataSupply_WrongSize_IsIgnoredAndCounted()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);
        var shortPage = new DataSupply(Incarnation(), Page(0), [ImmutableArray.Create<byte>(1, 2, 3)], VmProt.None, false, ReplyPort);

        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(shortPage));
        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(new DataSupply(Incarnation(), Page(0), [], VmProt.None, false, ReplyPort)));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal(2, obj.Counts.Malformed);
        Assert.True(obj.Page(Page(0))!.Busy);
    }

    [Fact]
    public void DataSupply_UnalignedOffset_IsIgnoredAndCounted()
    {
        var obj = ReadyObject(out _);

        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(Supply(Page(1) + 3)));
        Assert.Equal(KernReturn.InvalidArgument, obj.Receive(Supply(-PageSize)));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal(2, obj.Counts.Malformed);
        Assert.Empty(obj.Pages);
    }

    [Fact]
    public void DataSupply_NoFrameFree_DropsThePageAndTheFaultAsksAgain()
    {
        var obj = ReadyObject(out var frames);
        RequestAndTake(obj, Page(0), 1);
        frames.Limit = 0;

        obj.Receive(Supply(Page(0)));

        Assert.Equal(["CancelTimer", "Resume:1:Retry", "SupplyCompleted"], Kinds(obj.TakeEffects()));
        Assert.Null(obj.Page(Page(0)));
        Assert.Equal(1, obj.Counts.SupplyNoFrame);
    }

    [Fact]
    public void DataSupply_LateAfterPageout_InstallsTheOldDataBecauseNothingIsResident()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), fill: 1, reply: false));
        obj.SetDirty(Page(0));
        obj.PageOut(Page(0), flush: true);
        obj.TakeEffects();

        obj.Receive(Supply(Page(0), fill: 1));

        Assert.Equal(KernReturn.Success, Assert.IsType<SupplyCompleted>(Assert.Single(Sent(obj.TakeEffects()))).Result);
        Assert.Equal(Data(1).ToArray(), frames.Read(obj.Page(Page(0))!.Frame!.Value).ToArray());
    }

    [Fact]
    public void DataUnavailable_Placeholder_BecomesPlainAbsentAndFaultsContinueInTheShadow()
    {
        var obj = ReadyObject(out _);
        obj.Shadow = new VmShadowLink(ReplyPort, Page(4));
        RequestAndTake(obj, Page(0), 1);
        obj.RequestPage(Page(0), VmProt.Read, Fault(2));

        obj.Receive(new DataUnavailable(Incarnation(), Page(0), PageSize));

        var effects = obj.TakeEffects();
        Assert.Equal(["CancelTimer", "Resume:1:Unavailable", "Resume:2:Unavailable"], Kinds(effects));
        Assert.All(Resumed(effects), r => Assert.Equal(obj.Shadow, r.Answer.Shadow));
        var page = obj.Page(Page(0))!;
        Assert.True(page.Absent && !page.Busy);
        Assert.Equal(0, obj.AbsentCount);
    }

    [Fact]
    public void DataUnavailable_NoWaitingPlaceholder_IsIgnored()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));

        Assert.Equal(KernReturn.Success, obj.Receive(new DataUnavailable(Incarnation(), Page(0), Page(4))));

        Assert.Empty(obj.TakeEffects());
        Assert.Equal(1, obj.Counts.AnswersIgnored);
        Assert.False(obj.Page(Page(0))!.Absent);
    }

    [Fact]
    public void DataError_Placeholder_WaitersGetMemoryErrorAndThePageIsFreed()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(0), 1);
        obj.Receive(Supply(Page(1), reply: false));
        obj.TakeEffects();

        obj.Receive(new DataError(Incarnation(), Page(0), Page(2), KernReturn.Failure));

        var effects = obj.TakeEffects();
        Assert.Equal(["CancelTimer", "Resume:1:MemoryError"], Kinds(effects));
        Assert.Equal(KernReturn.MemoryError, Resumed(effects)[0].Answer.Error);
        Assert.Null(obj.Page(Page(0)));
        Assert.NotNull(obj.Page(Page(1)));
        RequestAndTake(obj, Page(0), 2);
    }
}
