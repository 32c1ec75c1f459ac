using System.Collections.Immutable;
using MachActors.Hardware.Device;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;
using static MachActors.Tests.Unit.Pagers.Default.PagerKit;

namespace MachActors.Tests.Unit.Pagers.Default;

/// <summary>The laundry credits of <see cref="DefaultPagerState"/>: exactly one <see cref="PageoutCredit"/> per data_return / data_initialize received, once its fate is settled, for every way one can end.</summary>
public sealed class DefaultPagerStateCreditTests
{
    /// <summary>Every page handed over was credited exactly once and none is left unsettled.</summary>
    private static void AssertAllSettled(DefaultPagerState pager, SwapDisk disk, int handedOver)
    {
        Assert.Equal(handedOver, disk.Credits.Count);
        Assert.Equal((handedOver, 0), (pager.Counts.Credits, pager.Counts.PagesUnsettled));
    }

    [Fact]
    public void Return_Written_CreditedAtTheWritesInterruptNotBefore()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(2), fill: 1));

        Assert.Empty(disk.Credits);
        Assert.Equal(1, pager.Counts.PagesUnsettled);
        disk.CompleteAll();

        Assert.Equal(new PageoutCredit(Control(), Page(2), PageoutFate.Written), Assert.Single(disk.Credits));
        AssertAllSettled(pager, disk, 1);
    }

    [Fact]
    public void Return_WriteError_CreditedWriteFailedAndLaterReturnsOfThePoisonedObjectDropped()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));

        disk.Complete(status: IoStatus.IoError);
        disk.Send(Return(2, Control(), Page(1), fill: 2));

        Assert.Equal([PageoutFate.WriteFailed, PageoutFate.Dropped], disk.Credits.Select(c => c.Fate));
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Return_SwapFull_CreditedSwapFullAtOnce()
    {
        var pager = Pager(out var disk, Config with { BlockCount = 1 });
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));
        disk.Send(Return(2, Control(), Page(1), fill: 2)); // no slot left

        Assert.Equal(new PageoutCredit(Control(), Page(1), PageoutFate.SwapFull), Assert.Single(disk.Credits));
        disk.CompleteAll();
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Initialize_AlreadyStored_CreditedAlreadyStored()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Initialize(1, Control(), Page(4), fill: 1));
        disk.CompleteAll();

        disk.Send(Initialize(2, Control(), Page(4), fill: 2));

        Assert.Equal([PageoutFate.Written, PageoutFate.AlreadyStored], disk.Credits.Select(c => c.Fate));
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Return_Malformed_CreditedDropped()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));

        disk.Send(new DataReturn(1, Control(), Page(1), ImmutableArray.Create<byte>(1, 2, 3), Dirty: true, KernelCopy: false));
        disk.Send(Return(2, Control(), 3, fill: 1)); // not page aligned

        Assert.Equal([PageoutFate.Dropped, PageoutFate.Dropped], disk.Credits.Select(c => c.Fate));
        Assert.Empty(disk.Pending);
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Return_RefusedObject_CreditedDropped()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control(), pageSize: 128));

        disk.Send(Return(1, Control(), Page(0), fill: 1));

        Assert.Equal(PageoutFate.Dropped, Assert.Single(disk.Credits).Fate);
        AssertAllSettled(pager, disk, 1);
    }

    [Fact]
    public void Return_TerminatedIncarnation_CreditedDropped()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(End(1, Control()));

        disk.Send(Return(2, Control(), Page(0), fill: 1));

        Assert.Equal(new PageoutCredit(Control(), Page(0), PageoutFate.Dropped), Assert.Single(disk.Credits));
        AssertAllSettled(pager, disk, 1);
    }

    [Fact]
    public void Return_SeqnoAlreadySeen_EachCopyCreditedOnce()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));

        disk.Send(Return(1, Control(), Page(0), fill: 2));

        Assert.Equal(PageoutFate.Dropped, Assert.Single(disk.Credits).Fate);
        disk.CompleteAll();
        Assert.Equal([PageoutFate.Dropped, PageoutFate.Written], disk.Credits.Select(c => c.Fate));
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Return_HeldBeforeCreateWithAnEarlierSeqno_CreditedDroppedAtCreate()
    {
        var pager = Pager(out var disk);
        disk.Send(Return(1, Control(), Page(0), fill: 1)); // before create, and below its seqno

        Assert.Empty(disk.Credits);
        disk.Send(Create(2, Control()));

        Assert.Equal(PageoutFate.Dropped, Assert.Single(disk.Credits).Fate);
        AssertAllSettled(pager, disk, 1);
    }

    [Fact]
    public void Return_HeldPastTheTerminate_CreditedDroppedWhenTheObjectEnds()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1)); // write in flight: the terminate waits
        disk.Send(End(2, Control()));
        disk.Send(Return(4, Control(), Page(1), fill: 2)); // held behind a seqno that never comes

        disk.CompleteAll();

        Assert.Equal([PageoutFate.Written, PageoutFate.Dropped], disk.Credits.Select(c => c.Fate));
        Assert.Equal(1L, pager.Counts.Terminated);
        AssertAllSettled(pager, disk, 2);
    }

    [Fact]
    public void Return_SamePageWriteInFlight_WaitsThenCreditedWhenItsOwnWriteEnds()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));
        disk.Send(Return(2, Control(), Page(0), fill: 2)); // waits for the first write

        Assert.Equal((2, 2), (pager.Counts.PagesUnsettled, pager.Counts.MaxPagesUnsettled));
        disk.Complete();
        Assert.Equal(PageoutFate.Written, Assert.Single(disk.Credits).Fate);
        Assert.Single(disk.Pending);
        disk.Complete();

        Assert.Equal(2, disk.Credits.Count(c => c.Fate == PageoutFate.Written));
        AssertAllSettled(pager, disk, 2);
        Assert.Equal(2, pager.Counts.MaxPagesUnsettled);
    }

    [Fact]
    public void Request_NoPageHandedOver_NoCredit()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));

        disk.Send(Request(1, Control(), Page(0)));
        disk.Send(End(2, Control()));
        disk.Send(Request(3, Control(), Page(0))); // stale, but no page

        AssertAllSettled(pager, disk, 0);
    }
}
