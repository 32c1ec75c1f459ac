using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;
using static MachActors.Tests.Unit.Pagers.Default.PagerKit;

namespace MachActors.Tests.Unit.Pagers.Default;

public sealed class DefaultPagerStateTests
{
    [Fact]
    public void Request_NeverWritten_AnswersDataUnavailableWithoutDiskIo()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));

        disk.Send(Request(1, Control(), Page(3)));

        Assert.Equal(new DataUnavailable(Control(), Page(3), PageSize), disk.Single<DataUnavailable>());
        Assert.Empty(disk.Pending);
        Assert.Equal(1, pager.Counts.Unavailable);
    }

    [Fact]
    public void ReturnThenRequest_StoredPage_SuppliesTheSameBytesNotPreciousWithoutLock()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(2), fill: 0x5A));
        disk.Send(Request(2, Control(), Page(2)));

        disk.CompleteAll();

        var supply = disk.Single<DataSupply>();
        Assert.Equal((Page(2), VmProt.None, false, (IActorRef?)null), (supply.Offset, supply.LockValue, supply.Precious, supply.ReplyTo));
        Assert.Equal(Data(0x5A).ToArray(), Assert.Single(supply.Pages).ToArray());
        Assert.Equal((1L, 1L), (pager.Counts.PagesWritten, pager.Counts.SlotsUsed));
    }

    [Fact]
    public void Request_EarlierWriteInFlight_WaitsForTheWriteBeforeReading()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));

        disk.Send(Request(2, Control(), Page(5)));  // another page: still waits (reads wait for earlier writes)

        Assert.IsType<DiskWrite>(Assert.Single(disk.Pending));
        Assert.Empty(disk.Replies);
        disk.Complete();
        Assert.Equal(new DataUnavailable(Control(), Page(5), PageSize), disk.Single<DataUnavailable>());
    }

    [Fact]
    public void Requests_SeveralStoredPages_ReadInParallel()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));
        disk.Send(Return(2, Control(), Page(1), fill: 2));
        disk.CompleteAll();

        disk.Send(Request(3, Control(), Page(0)));
        disk.Send(Request(4, Control(), Page(1)));

        Assert.Equal(2, disk.Pending.OfType<DiskRead>().Count());
        disk.Complete(1);                            // the second read finishes first
        Assert.Equal(Data(2).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
        disk.Complete();
        Assert.Equal(Data(1).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
    }

    [Fact]
    public void Initialize_Twice_KeepsTheFirstCopy()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));

        disk.Send(Initialize(1, Control(), Page(4), fill: 0x11));
        disk.Send(Initialize(2, Control(), Page(4), fill: 0x22));
        disk.CompleteAll();
        disk.Send(Request(3, Control(), Page(4)));
        disk.CompleteAll();

        Assert.Equal(Data(0x11).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
        Assert.Equal((1L, 1L), (pager.Counts.PagesWritten, pager.Counts.InitializeSkipped));
    }

    [Fact]
    public void Return_AfterInitialize_OverwritesTheCopy()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Initialize(1, Control(), Page(4), fill: 0x11));
        disk.Send(Return(2, Control(), Page(4), fill: 0x33));
        disk.Send(Request(3, Control(), Page(4)));

        disk.CompleteAll();

        Assert.Equal(Data(0x33).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
        Assert.Equal(1L, pager.Counts.SlotsUsed);
    }

    [Fact]
    public void WriteError_PoisonsTheObject_LaterRequestsGetDataErrorEvenForGoodPages()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));
        disk.CompleteAll();
        disk.Send(Return(2, Control(), Page(1), fill: 2));

        disk.Complete(status: IoStatus.IoError);
        disk.Send(Request(3, Control(), Page(0)));
        disk.Send(Request(4, Control(), Page(7)));
        disk.Send(Return(5, Control(), Page(2), fill: 3));

        Assert.All(disk.Replies, r => Assert.Equal(KernReturn.MemoryError, Assert.IsType<DataError>(r).Error));
        Assert.Equal([Page(0), Page(7)], disk.Replies.Select(r => ((DataError)r).Offset));
        Assert.Empty(disk.Pending);
        Assert.Equal((1L, 1L), (pager.Counts.WriteErrors, pager.Counts.WritesDropped));
    }

    [Fact]
    public void ReadError_AnswersDataErrorAndLeavesTheObjectUsable()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 9));
        disk.CompleteAll();
        disk.Send(Request(2, Control(), Page(0)));

        disk.Complete(status: IoStatus.IoError);
        Assert.Equal(new DataError(Control(), Page(0), PageSize, KernReturn.MemoryError), disk.Single<DataError>());
        disk.Send(Request(3, Control(), Page(0)));
        disk.CompleteAll();

        Assert.Equal(Data(9).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
        Assert.Equal(1L, pager.Counts.ReadErrors);
    }

    [Fact]
    public void Terminate_ReadsAndWritesInFlight_WaitsForAllThenFreesTheStorage()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Return(1, Control(), Page(0), fill: 1));
        disk.CompleteAll();
        disk.Send(Request(2, Control(), Page(0)));      // read in flight
        disk.Send(Return(3, Control(), Page(1), fill: 2)); // write in flight (another page)

        disk.Send(End(4, Control()));

        Assert.Equal((2, 1, 0L), (disk.Pending.Count, pager.Counts.Objects, pager.Counts.Terminated));
        disk.Complete();                                 // the read: supplied, terminate still waits for the write
        Assert.IsType<DataSupply>(Assert.Single(disk.Replies));
        Assert.Equal(0L, pager.Counts.Terminated);
        disk.Complete();
        Assert.Equal((1L, 0, 0L, 0), (pager.Counts.Terminated, pager.Counts.Objects, pager.Counts.SlotsUsed, pager.Counts.DiskRequestsInFlight));
    }

    [Fact]
    public void Receive_AfterTerminate_IsStaleAndIgnored()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(End(1, Control()));

        Assert.Equal(KernReturn.InvalidName, disk.Send(Request(2, Control(), Page(0))));

        Assert.Empty(disk.Replies);
        Assert.Equal(1L, pager.Counts.Stale);
    }

    [Fact]
    public void Receive_OutOfOrder_AdmitsEachObjectsMessagesInSeqnoOrder()
    {
        var pager = Pager(out var disk);

        disk.Send(Request(3, Control(), Page(1)));        // arrives first, before its create
        disk.Send(Return(2, Control(), Page(1), fill: 7));
        Assert.Empty(disk.Pending);
        disk.Send(Create(1, Control()));                  // create, then seqno 2 (the write), seqno 3 waits for it

        Assert.IsType<DiskWrite>(Assert.Single(disk.Pending));
        disk.CompleteAll();
        Assert.Equal(Data(7).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
        Assert.Equal(2L, pager.Counts.Reordered);
    }

    [Fact]
    public void Receive_SeqnoAlreadySeen_IsDroppedAsStale()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));
        disk.Send(Request(1, Control(), Page(0)));

        Assert.Equal(KernReturn.InvalidArgument, disk.Send(Request(1, Control(), Page(0))));

        Assert.Single(disk.Replies);
        Assert.Equal(1L, pager.Counts.Stale);
    }

    [Fact]
    public void ManyObjects_ShareTheSwap_EachReadsItsOwnPages()
    {
        var pager = Pager(out var disk);
        var objects = new[] { Control(ObjectA), Control(ObjectB), Control(ObjectC) };
        for (var i = 0; i < objects.Length; i++)
        {
            disk.Send(Create(0, objects[i], memoryObject: 10 + i));
            disk.Send(Return(1, objects[i], Page(0), fill: (byte)(0x10 * (i + 1))));
            disk.Send(Return(2, objects[i], Page(1), fill: (byte)(0x10 * (i + 1) + 1)));
        }
        disk.CompleteAll();

        for (var i = 0; i < objects.Length; i++)
        {
            disk.Send(Request(3, objects[i], Page(0)));
            disk.Send(Request(4, objects[i], Page(1)));
        }
        disk.CompleteAll();

        Assert.Equal(6, disk.WrittenBlocks.Distinct().Count());
        Assert.Equal(6L, pager.Counts.SlotsUsed);
        foreach (var (control, i) in objects.Select((c, i) => (c, i)))
        {
            var mine = disk.Replies.OfType<DataSupply>().Where(s => s.Control == control).OrderBy(s => s.Offset).ToList();
            Assert.Equal([Data((byte)(0x10 * (i + 1))).ToArray(), Data((byte)(0x10 * (i + 1) + 1)).ToArray()], mine.Select(s => s.Pages[0].ToArray()));
        }
    }

    [Fact]
    public void SwapFull_Return_LosesThePageAndItsRequestGetsDataErrorNoSpace()
    {
        var pager = Pager(out var disk, Config with { BlockCount = 2 });
        disk.Send(Create(0, Control(ObjectA), memoryObject: 1));
        disk.Send(Return(1, Control(ObjectA), Page(0), fill: 1));
        disk.Send(Return(2, Control(ObjectA), Page(1), fill: 2));
        disk.Send(Return(3, Control(ObjectA), Page(2), fill: 3)); // no slot left
        disk.CompleteAll();

        disk.Send(Request(4, Control(ObjectA), Page(2)));
        disk.Send(Request(5, Control(ObjectA), Page(1)));
        disk.CompleteAll();

        Assert.Equal(new DataError(Control(ObjectA), Page(2), PageSize, KernReturn.NoSpace), disk.Replies[0]);
        Assert.Equal(Data(2).ToArray(), Assert.IsType<DataSupply>(disk.Replies[1]).Pages[0].ToArray());
        Assert.Equal((1L, 2L), (pager.Counts.SwapFull, pager.Counts.SlotsUsed));
    }

    [Fact]
    public void SwapFull_SpaceFreedByAnotherObjectsTerminate_NextReturnOfTheLostPageIsStored()
    {
        var pager = Pager(out var disk, Config with { BlockCount = 1 });
        disk.Send(Create(0, Control(ObjectA), memoryObject: 1));
        disk.Send(Create(0, Control(ObjectB), memoryObject: 2));
        disk.Send(Return(1, Control(ObjectA), Page(0), fill: 1));
        disk.Send(Return(1, Control(ObjectB), Page(0), fill: 2)); // full
        disk.CompleteAll();

        disk.Send(End(2, Control(ObjectA)));
        disk.Send(Return(2, Control(ObjectB), Page(0), fill: 3));
        disk.Send(Request(3, Control(ObjectB), Page(0)));
        disk.CompleteAll();

        Assert.Equal(Data(3).ToArray(), disk.Single<DataSupply>().Pages[0].ToArray());
    }

    [Fact]
    public void Create_WrongPageSize_RefusesTheObjectWithDataErrorInvalidArgument()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control(), pageSize: 128));
        disk.Send(Return(1, Control(), Page(0), fill: 1));

        disk.Send(Request(2, Control(), Page(0)));

        Assert.Equal(KernReturn.InvalidArgument, disk.Single<DataError>().Error);
        Assert.Empty(disk.Pending);
        Assert.Equal((1L, 1L, 0), (pager.Counts.Malformed, pager.Counts.WritesDropped, pager.Counts.Objects));
    }

    [Fact]
    public void Create_MemoryObjectInUse_RefusedAndTheFirstKeepsItsPages()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control(ObjectA), memoryObject: 4));
        disk.Send(Return(1, Control(ObjectA), Page(0), fill: 6));
        disk.CompleteAll();

        disk.Send(Create(0, Control(ObjectB), memoryObject: 4));
        disk.Send(Request(1, Control(ObjectB), Page(0)));
        disk.Send(End(2, Control(ObjectB)));
        disk.Send(Request(2, Control(ObjectA), Page(0)));
        disk.CompleteAll();

        Assert.Equal(KernReturn.InvalidArgument, Assert.IsType<DataError>(disk.Replies[0]).Error);
        Assert.Equal(Data(6).ToArray(), Assert.IsType<DataSupply>(disk.Replies[1]).Pages[0].ToArray());
    }

    [Fact]
    public void Receive_MessagesTheDefaultPagerDoesNotActOn_AreConsumedInOrder()
    {
        var pager = Pager(out var disk);
        disk.Send(Create(0, Control()));

        disk.Send(new LockCompleted(1, Control(), 0, PageSize));
        disk.Send(Request(2, Control(), Page(0)));

        Assert.IsType<DataUnavailable>(Assert.Single(disk.Replies));
        Assert.Equal(1L, pager.Counts.Ignored);
    }

    [Fact]
    public void Complete_InterruptOfNoRequest_IsCountedAndIgnored()
    {
        var pager = Pager(out _);

        var result = pager.Complete(new DiskInterrupt(99, IoOperation.Read, IoStatus.Success, 0, 0, ReadOnlyMemory<byte>.Empty));

        Assert.Equal((KernReturn.InvalidArgument, 1L), (result, pager.Counts.UnknownInterrupts));
    }
}
