using MachActors.Hardware.Device;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class DiskControllerTests
{
    private static readonly FakeRef Requester = new("requester");

    private static DiskController Controller(DiskScheduling scheduling = DiskScheduling.Fifo, bool readOnly = false) =>
        new(Geometry, new MemoryBlockStore(Geometry), readOnly, scheduling);

    private static void Read(DiskController c, long id, long block, int blocks = 1) =>
        c.Enqueue(id, IoOperation.Read, block, blocks * Geometry.BlockSize, [], Requester);

    private static void Write(DiskController c, long id, long block, byte[] data) =>
        c.Enqueue(id, IoOperation.Write, block, data.Length, data, Requester);

    /// <summary>Starts and finishes every queued request; returns the request ids in service order.</summary>
    private static List<long> Drain(DiskController c)
    {
        var order = new List<long>();
        while (c.StartNext() is { } next)
        {
            order.Add(next.Job.RequestId);
            c.FinishCurrent();
        }
        return order;
    }

    [Theory]
    [InlineData(IoOperation.Read, 0, 0, IoStatus.InvalidSize)]
    [InlineData(IoOperation.Read, 0, 100, IoStatus.InvalidSize)]
    [InlineData(IoOperation.Read, 0, -512, IoStatus.InvalidSize)]
    [InlineData(IoOperation.Read, -1, 512, IoStatus.InvalidRecnum)]
    [InlineData(IoOperation.Read, 1024, 512, IoStatus.InvalidRecnum)]
    [InlineData(IoOperation.Read, 1023, 1024, IoStatus.InvalidRecnum)]
    [InlineData(IoOperation.Write, 1023, 512, IoStatus.Success)]
    [InlineData(IoOperation.Read, 0, 512 * 1024, IoStatus.Success)]
    public void Check_Request_GivesItsCode(IoOperation op, long block, int bytes, IoStatus expected)
    {
        var c = Controller();

        Assert.Equal(expected, c.Check(op, block, bytes));
        Assert.Equal(expected == IoStatus.Success ? 0 : 1, c.Stats().Rejected);
    }

    [Fact]
    public void Check_WriteToReadOnlyDisk_IsReadOnlyButReadsPass()
    {
        var c = Controller(readOnly: true);

        Assert.Equal(IoStatus.ReadOnly, c.Check(IoOperation.Write, 0, 512));
        Assert.Equal(IoStatus.Success, c.Check(IoOperation.Read, 0, 512));
    }

    [Fact]
    public void StartNext_Fifo_ServesInArrivalOrder()
    {
        var c = Controller();
        Read(c, 1, BlockOnTrack(10));
        Read(c, 2, BlockOnTrack(2));
        Read(c, 3, BlockOnTrack(8));

        Assert.Equal([1, 2, 3], Drain(c));
    }

    [Fact]
    public void StartNext_Elevator_SweepsUpThenTurnsRound()
    {
        var c = Controller(DiskScheduling.Elevator);
        Read(c, 1, BlockOnTrack(5));
        Assert.Equal(1, c.StartNext()!.Value.Job.RequestId);
        c.FinishCurrent(); // head on track 5, moving up
        Read(c, 2, BlockOnTrack(2));
        Read(c, 3, BlockOnTrack(9));
        Read(c, 4, BlockOnTrack(5) + 3);
        Read(c, 5, BlockOnTrack(7));
        Read(c, 6, BlockOnTrack(3));

        Assert.Equal([4, 5, 3, 6, 2], Drain(c));
    }

    [Fact]
    public void StartNext_ElevatorSameTrack_KeepsArrivalOrder()
    {
        var c = Controller(DiskScheduling.Elevator);
        Read(c, 1, BlockOnTrack(4) + 9);
        Read(c, 2, BlockOnTrack(4) + 1);
        Read(c, 3, BlockOnTrack(4) + 5);

        Assert.Equal([1, 2, 3], Drain(c));
    }

    [Fact]
    public void StartNext_ElevatorReadOverlappingAnEarlierWrite_DoesNotOvertakeIt()
    {
        var c = Controller(DiskScheduling.Elevator);
        Read(c, 1, BlockOnTrack(10));
        c.StartNext();
        c.FinishCurrent(); // head on track 10; nothing above, so the sweep turns down
        Write(c, 2, BlockOnTrack(5) - 1, Pattern(2, 7)); // blocks 79-80: tracks 4 and 5
        Read(c, 3, BlockOnTrack(5)); // block 80 on track 5: nearer, but it overlaps the write
        Read(c, 4, BlockOnTrack(9));

        var order = new List<long>();
        byte[]? readBack = null;
        while (c.StartNext() is { } next)
        {
            order.Add(next.Job.RequestId);
            var (interrupt, _) = c.FinishCurrent();
            if (interrupt.RequestId == 3) readBack = interrupt.Data.ToArray();
        }

        Assert.Equal([4, 2, 3], order);
        Assert.Equal(Pattern(2, 7)[512..], readBack);
    }

    [Fact]
    public void StartNext_MovesHeadToLastBlockAndCountsSeeks()
    {
        var c = Controller();
        Read(c, 1, BlockOnTrack(3) + 15, blocks: 2); // tracks 3-4
        Read(c, 2, BlockOnTrack(4));

        var first = c.StartNext()!.Value;
        c.FinishCurrent();
        var second = c.StartNext()!.Value;
        c.FinishCurrent();

        Assert.Equal(Us(2_300) + Ms(8) + Ms(2), first.Service);
        Assert.Equal(Ms(8) + Ms(1), second.Service); // already on track 4: no seek
        var stats = c.Stats();
        Assert.Equal(1, stats.Seeks);
        Assert.Equal(3, stats.TracksMoved);
        Assert.Equal(4, stats.HeadTrack);
        Assert.Equal(first.Service + second.Service, stats.Busy);
        Assert.Equal(3, stats.BlocksRead);
    }

    [Fact]
    public void FinishCurrent_ReadAfterWrite_ReturnsTheWrittenBlocksAndZerosElsewhere()
    {
        var c = Controller();
        var data = Pattern(3, 1);
        Write(c, 1, 100, data);
        Read(c, 2, 99, blocks: 5);

        c.StartNext();
        var (written, _) = c.FinishCurrent();
        c.StartNext();
        var (read, requester) = c.FinishCurrent();

        Assert.Equal((IoStatus.Success, 3 * 512), (written.Status, written.Bytes));
        Assert.Equal(IoStatus.Success, read.Status);
        Assert.Same(Requester, requester);
        var bytes = read.Data.ToArray();
        Assert.Equal(5 * 512, bytes.Length);
        Assert.All(bytes[..512], b => Assert.Equal(0, b));
        Assert.Equal(data, bytes[512..(4 * 512)]);
        Assert.All(bytes[(4 * 512)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Enqueue_WriteData_IsCopied()
    {
        var c = Controller();
        var data = Pattern(1, 3);
        Write(c, 1, 0, data);
        data[0] = 0xFF;
        Read(c, 2, 0);

        Drain(c);
        c.Enqueue(3, IoOperation.Read, 0, 512, [], Requester);
        c.StartNext();
        var (read, _) = c.FinishCurrent();

        Assert.Equal(3, read.Data.Span[0]);
    }
}
