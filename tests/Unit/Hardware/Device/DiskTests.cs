using MachActors.Hardware.Device;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class DiskTests : global::MachActors.Actors.TestKit.TestKit
{
    private IActorRef SpawnDisk(DiskScheduling scheduling = DiskScheduling.Fifo, bool readOnly = false, IBlockStore? store = null) =>
        Sys.Spawn(Props.Create(() => new Disk("disk0", Geometry, store ?? new MemoryBlockStore(Geometry), readOnly, scheduling)), "disk0");

    private DiskInterrupt Expect(long requestId, TestProbe? probe = null)
    {
        var interrupt = (probe ?? Probe).ExpectMsg<DiskInterrupt>();
        Assert.Equal(requestId, interrupt.RequestId);
        return interrupt;
    }

    private VirtualTime LastAt => Probe.LastMessage!.At;

    [Theory]
    [InlineData(0, 9_000)]        // no seek: 8 ms rotation + 1 ms transfer
    [InlineData(1, 11_100)]       // + 2 ms settle + 100 us
    [InlineData(5, 11_500)]
    [InlineData(40, 15_000)]
    public void Read_TrackDistance_CompletesAfterSeekRotationAndTransfer(long track, long expectedUs)
    {
        var disk = SpawnDisk();

        disk.Tell(new DiskRead(7, BlockOnTrack(track) + 2, 512), TestActor);

        var done = Expect(7);
        Assert.Equal(At(Us(expectedUs)), LastAt);
        Assert.Equal((IoOperation.Read, IoStatus.Success, 512), (done.Operation, done.Status, done.Bytes));
    }

    [Fact]
    public void Read_Fifo_ServesOneAtATimeInArrivalOrder()
    {
        var disk = SpawnDisk();

        disk.Tell(new DiskRead(1, BlockOnTrack(10), 512), TestActor);
        disk.Tell(new DiskRead(2, BlockOnTrack(2), 512), TestActor);
        disk.Tell(new DiskRead(3, BlockOnTrack(8), 512), TestActor);

        Expect(1);
        Assert.Equal(At(Us(12_000)), LastAt);           // 0 -> 10: 3 ms + 9 ms
        Expect(2);
        Assert.Equal(At(Us(12_000 + 11_800)), LastAt);  // 10 -> 2: 2.8 ms + 9 ms
        Expect(3);
        Assert.Equal(At(Us(23_800 + 11_600)), LastAt);  // 2 -> 8: 2.6 ms + 9 ms
    }

    [Fact]
    public void Read_Elevator_ServesTheNearerTrackFirstAndFinishesSooner()
    {
        var disk = SpawnDisk(DiskScheduling.Elevator);

        disk.Tell(new DiskRead(1, BlockOnTrack(10), 512), TestActor);
        disk.Tell(new DiskRead(2, BlockOnTrack(2), 512), TestActor);
        disk.Tell(new DiskRead(3, BlockOnTrack(8), 512), TestActor);

        Expect(1);
        Assert.Equal(At(Us(12_000)), LastAt);
        Expect(3);
        Assert.Equal(At(Us(12_000 + 11_200)), LastAt);  // 10 -> 8: 2.2 ms + 9 ms
        Expect(2);
        Assert.Equal(At(Us(23_200 + 11_600)), LastAt);  // 8 -> 2: 2.6 ms + 9 ms
    }

    [Fact]
    public void Write_ThenRead_ReturnsTheWrittenData()
    {
        var disk = SpawnDisk();
        var data = Pattern(4, 9);

        disk.Tell(new DiskWrite(1, 500, data), TestActor);
        disk.Tell(new DiskRead(2, 500, 4 * 512), TestActor);

        var written = Expect(1);
        var read = Expect(2);
        Assert.Equal((IoOperation.Write, IoStatus.Success, 4 * 512), (written.Operation, written.Status, written.Bytes));
        Assert.True(written.Data.IsEmpty);
        Assert.Equal(data, read.Data.ToArray());
    }

    [Theory]
    [InlineData(-1, 512, IoStatus.InvalidRecnum)]
    [InlineData(1024, 512, IoStatus.InvalidRecnum)]
    [InlineData(1020, 8 * 512, IoStatus.InvalidRecnum)]
    [InlineData(0, 0, IoStatus.InvalidSize)]
    [InlineData(0, 700, IoStatus.InvalidSize)]
    public void Read_BadRequest_FailsAtOnceWithItsCode(long block, int bytes, IoStatus expected)
    {
        var disk = SpawnDisk();

        disk.Tell(new DiskRead(5, block, bytes), TestActor);

        var done = Expect(5);
        Assert.Equal(VirtualTime.Zero, LastAt);
        Assert.Equal((expected, 0), (done.Status, done.Bytes));
        Assert.True(done.Data.IsEmpty);
    }

    [Fact]
    public void Write_ReadOnlyDisk_FailsWithReadOnlyAndLeavesTheBlock()
    {
        var disk = SpawnDisk(readOnly: true);

        disk.Tell(new DiskWrite(1, 3, Pattern(1, 1)), TestActor);
        disk.Tell(new DiskRead(2, 3, 512), TestActor);

        Assert.Equal(IoStatus.ReadOnly, Expect(1).Status);
        Assert.All(Expect(2).Data.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Write_BadSize_FailsWithInvalidSize()
    {
        var disk = SpawnDisk();

        disk.Tell(new DiskWrite(1, 3, new byte[100]), TestActor);

        Assert.Equal(IoStatus.InvalidSize, Expect(1).Status);
    }

    [Fact]
    public void Read_BadRequestWhileBusy_DoesNotDisturbTheQueue()
    {
        var disk = SpawnDisk();

        disk.Tell(new DiskRead(1, 0, 512), TestActor);
        disk.Tell(new DiskRead(2, 5000, 512), TestActor);
        disk.Tell(new DiskRead(3, 0, 512), TestActor);

        Assert.Equal(IoStatus.InvalidRecnum, Expect(2).Status);
        Assert.Equal(VirtualTime.Zero, LastAt);
        Expect(1);
        Assert.Equal(At(Ms(9)), LastAt);
        Expect(3);
        Assert.Equal(At(Ms(18)), LastAt);
    }

    [Fact]
    public void GetDiskStats_AfterWork_CountsRequestsBlocksSeeksAndBusyTime()
    {
        var disk = SpawnDisk();
        disk.Tell(new DiskWrite(1, BlockOnTrack(1), Pattern(2, 0)), TestActor);
        disk.Tell(new DiskRead(2, BlockOnTrack(3), 512), TestActor);
        disk.Tell(new DiskRead(3, -5, 512), TestActor);
        Probe.ReceiveN(3);

        var stats = disk.Ask<DiskStats>(GetDiskStats.Instance).GetAwaiter().GetResult();

        Assert.Equal(2, stats.Requests);
        Assert.Equal(1, stats.Rejected);
        Assert.Equal((1, 1), (stats.Reads, stats.Writes));
        Assert.Equal((1, 2), (stats.BlocksRead, stats.BlocksWritten));
        Assert.Equal((2, 3), (stats.Seeks, stats.TracksMoved));
        Assert.Equal(Us(2_100 + 10_000) + Us(2_200 + 9_000), stats.Busy);
        Assert.Equal(1, stats.MaxQueued);
        Assert.Equal(0, stats.Queued);
        Assert.Equal(3, stats.HeadTrack);
    }

    [Fact]
    public void Read_RequesterGoneBeforeCompletion_CompletionIsADeadLetterAndTheDiskGoesOn()
    {
        var disk = SpawnDisk();
        var gone = CreateTestProbe("gone");
        disk.Tell(new DiskRead(1, 0, 512), gone.Ref);
        disk.Tell(new DiskRead(2, 16, 512), TestActor);
        Sys.Stop(gone.Ref);
        Sys.RunUntilIdle();
        var deadBefore = Sys.DeadLetterCount;

        Expect(2);

        Assert.Equal(deadBefore + 1, Sys.DeadLetterCount);
        var stats = disk.Ask<DiskStats>(GetDiskStats.Instance).GetAwaiter().GetResult();
        Assert.Equal(2, stats.Reads);
    }

    [Fact]
    public void Read_StoreFails_CompletesWithIoError()
    {
        var disk = SpawnDisk(store: new FailingStore(Geometry));

        disk.Tell(new DiskRead(1, 0, 512), TestActor);
        disk.Tell(new DiskWrite(2, 0, Pattern(1, 0)), TestActor);

        var read = Expect(1);
        Assert.Equal((IoStatus.IoError, 0), (read.Status, read.Bytes));
        Assert.True(read.Data.IsEmpty);
        Assert.Equal(IoStatus.IoError, Expect(2).Status);
        Assert.Equal(2, disk.Ask<DiskStats>(GetDiskStats.Instance).GetAwaiter().GetResult().IoErrors);
    }

    [Fact]
    public void Stop_Disk_DisposesItsStore()
    {
        var store = new FailingStore(Geometry);
        var disk = SpawnDisk(store: store);
        Sys.RunUntilIdle();

        Watch(disk);
        Sys.Stop(disk);
        ExpectTerminated(disk);

        Assert.True(store.Disposed);
    }

    private sealed class FailingStore(DiskGeometry g) : IBlockStore
    {
        public bool Disposed { get; private set; }

        public int BlockSize => g.BlockSize;

        public long BlockCount => g.BlockCount;

        public IoStatus Read(long block, Span<byte> into) => IoStatus.IoError;

        public IoStatus Write(long block, ReadOnlySpan<byte> data) => IoStatus.IoError;

        public void Dispose() => Disposed = true;
    }
}
