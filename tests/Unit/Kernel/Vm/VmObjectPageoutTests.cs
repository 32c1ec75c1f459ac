using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmObjectKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmObjectPageoutTests
{
    [Fact]
    public void PageOut_WithFlush_FaultDuringPageoutAsksOnlyAfterTheDataReturn()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), fill: 4, reply: false));
        obj.SetDirty(Page(0));
        obj.BeginPageOut(Page(0), flush: true);

        var during = obj.RequestPage(Page(0), VmProt.Read, Fault(1));
        var duringEffects = obj.TakeEffects();
        obj.FinishPageOut(Page(0));
        var finish = obj.TakeEffects();
        var request = RequestAndTake(obj, Page(0), 1);

        Assert.Equal(VmFaultOutcome.Wait, during.Outcome);
        Assert.Empty(duringEffects);
        Assert.Equal(["DataReturn", "Resume:1:Retry"], Kinds(finish));
        var ret = Assert.IsType<DataReturn>(Sent(finish)[0]);
        Assert.Equal((true, false), (ret.Dirty, ret.KernelCopy));
        Assert.Equal(Data(4).ToArray(), ret.Data.ToArray());
        Assert.True(ret.Seqno < request.Seqno);
        Assert.Equal(0, obj.PagingInProgress);
        Assert.Single(frames.Freed);
    }

    [Fact]
    public void PageOut_WithoutFlush_SendsACopyAndKeepsTheCleanPage()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), reply: false));
        obj.SetDirty(Page(0));

        Assert.Equal(KernReturn.Success, obj.PageOut(Page(0), flush: false));

        Assert.True(Assert.IsType<DataReturn>(Assert.Single(Sent(obj.TakeEffects()))).KernelCopy);
        var page = obj.Page(Page(0))!;
        Assert.False(page.Dirty || page.Busy);
        Assert.Equal(VmFaultOutcome.Resident, obj.RequestPage(Page(0), VmProt.Read, Fault(1)).Outcome);
    }

    [Fact]
    public void PageOut_CleanNonPrecious_IsDroppedWithoutTellingThePager()
    {
        var obj = ReadyObject(out var frames);
        obj.Receive(Supply(Page(0), reply: false));

        Assert.Equal(KernReturn.Success, obj.PageOut(Page(0), flush: true));

        Assert.Empty(obj.TakeEffects());
        Assert.Null(obj.Page(Page(0)));
        Assert.Equal(0, frames.Held);
    }

    [Fact]
    public void PageOut_CleanPrecious_GoesBackAsNotDirty()
    {
        var obj = ReadyObject(out _);
        obj.Receive(Supply(Page(0), precious: true, reply: false));

        obj.PageOut(Page(0), flush: true);

        var ret = Assert.IsType<DataReturn>(Assert.Single(Sent(obj.TakeEffects())));
        Assert.Equal((false, false), (ret.Dirty, ret.KernelCopy));
    }

    [Fact]
    public void BeginPageOut_NoResidentData_IsRefusedWithACode()
    {
        var obj = ReadyObject(out _);
        RequestAndTake(obj, Page(1), 1);

        Assert.Equal(KernReturn.InvalidAddress, obj.BeginPageOut(Page(0), flush: true));
        Assert.Equal(KernReturn.InvalidAddress, obj.BeginPageOut(Page(1), flush: true));
        Assert.Equal(KernReturn.InvalidAddress, obj.FinishPageOut(Page(0)));
        Assert.Equal(0, obj.PagingInProgress);
    }
}
