using MachActors.Hardware.Device;
using MachActors.Kernel.Device;

namespace MachActors.Tests.Unit.Kernel.Device;

public sealed class DeviceMasterIoTests
{
    private readonly DeviceMasterKit _kit = new();

    private static readonly byte[] Block = Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();

    [Fact]
    public void Read_OpenDisk_QueuesAHardwareReadAndAnswersLater()
    {
        var disk = _kit.Open("disk0");

        var now = _kit.Master.Read(disk, DeviceMode.None, 5, 1024, inband: false, _kit.Sink);

        Assert.Null(now); // MIG_NO_REPLY
        var (target, request) = Assert.Single(_kit.Sent);
        Assert.Same(_kit.Disk, target);
        var read = Assert.IsType<DiskRead>(request);
        Assert.Equal((5L, 1024), (read.Block, read.Bytes));
        Assert.Empty(_kit.Sink.Replies);
        Assert.Equal(1, _kit.Master.Stats().Outstanding);
    }

    [Fact]
    public void OnInterrupt_ReadCompletion_BecomesTheReadReplyThroughTheSink()
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Read(disk, DeviceMode.None, 5, 512, inband: false, _kit.Sink);

        var matched = _kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(_kit.LastRequestId, IoOperation.Read, IoStatus.Success, 5, 512, Block));

        Assert.True(matched);
        var reply = Assert.IsType<DeviceReadReply>(Assert.Single(_kit.Sink.Replies));
        Assert.Equal((DeviceReturn.Success, 2904), (reply.Return, reply.MsgId));
        Assert.Equal(Block, reply.Data.ToArray());
        var stats = _kit.Master.Stats();
        Assert.Equal((1, 1, 0), (stats.Queued, stats.Completed, stats.Outstanding));
    }

    [Fact]
    public void OnInterrupt_WriteCompletions_AnswerWithBytesWrittenAndTheFormsIds()
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Write(disk, DeviceMode.None, 3, Block, inband: false, _kit.Sink);
        var outOfLine = _kit.LastRequestId;
        _kit.Master.Write(disk, DeviceMode.None, 4, Block.AsMemory(0, 100), inband: true, _kit.Sink);
        var inband = _kit.LastRequestId;

        _kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(outOfLine, IoOperation.Write, IoStatus.Success, 3, 512, ReadOnlyMemory<byte>.Empty));
        _kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(inband, IoOperation.Write, IoStatus.InvalidSize, 4, 0, ReadOnlyMemory<byte>.Empty));

        Assert.Equal(
            [new DeviceWriteReply(DeviceReturn.Success, 512, false), new DeviceWriteReply(DeviceReturn.InvalidSize, 0, true)],
            _kit.Sink.Replies);
        Assert.Equal([2902, 2903], _kit.Sink.Replies.Select(r => r.MsgId));
    }

    [Theory]
    [InlineData(IoStatus.IoError, DeviceReturn.IoError)]
    [InlineData(IoStatus.WouldBlock, DeviceReturn.WouldBlock)]
    [InlineData(IoStatus.InvalidRecnum, DeviceReturn.InvalidRecnum)]
    [InlineData(IoStatus.InvalidSize, DeviceReturn.InvalidSize)]
    [InlineData(IoStatus.ReadOnly, DeviceReturn.ReadOnly)]
    public void OnInterrupt_HardwareFailure_IsTheReplysCode(IoStatus status, DeviceReturn expected)
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Read(disk, DeviceMode.None, 0, 128, inband: true, _kit.Sink);

        _kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(_kit.LastRequestId, IoOperation.Read, status, 0, 0, ReadOnlyMemory<byte>.Empty));

        var reply = Assert.IsType<DeviceReadReply>(Assert.Single(_kit.Sink.Replies));
        Assert.Equal((expected, (int)expected, 2905), (reply.Return, (int)reply.Return, reply.MsgId));
        Assert.True(reply.Data.IsEmpty);
    }

    [Fact]
    public void Read_ConsoleWithNoWait_AsksTheHardwareNotToWait()
    {
        var console = _kit.Open("console");

        _kit.Master.Read(console, DeviceMode.NoWait, 0, 80, inband: true, _kit.Sink);
        _kit.Master.Read(console, DeviceMode.None, 0, 80, inband: false, _kit.Sink);

        Assert.Equal([new ConsoleRead(1, 80, true), new ConsoleRead(2, 80, false)], _kit.Sent.Select(s => s.Request));
        Assert.All(_kit.Sent, s => Assert.Same(_kit.Console, s.Target));
    }

    [Fact]
    public void Read_BadTargets_AnswerAtOnceWithoutHardware()
    {
        _kit.Open("disk0");

        Assert.Equal(DeviceReturn.InvalidOperation, _kit.Master.Read(DeviceHandle.Master, DeviceMode.None, 0, 512, false, _kit.Sink)!.Return);
        Assert.Equal(DeviceReturn.NoSuchDevice, _kit.Master.Read(new DeviceHandle(1, "console"), DeviceMode.None, 0, 512, false, _kit.Sink)!.Return);
        Assert.Equal(DeviceReturn.NoSuchDevice, _kit.Master.Read(new DeviceHandle(99, "disk0"), DeviceMode.None, 0, 512, false, _kit.Sink)!.Return);
        Assert.Equal(DeviceReturn.NoSuchDevice, _kit.Master.Read(new DeviceHandle(3, "console"), DeviceMode.None, 0, 512, false, _kit.Sink)!.Return); // not open
        Assert.Equal(DeviceReturn.InvalidOperation, _kit.Master.Write(DeviceHandle.Master, DeviceMode.None, 0, Block, false, _kit.Sink)!.Return);
        Assert.Empty(_kit.Sent);
        Assert.Empty(_kit.Sink.Replies);
    }

    [Fact]
    public void Read_BadSizes_AreInvalidSizeAtOnce()
    {
        var disk = _kit.Open("disk0");

        Assert.Equal(DeviceReturn.InvalidSize, _kit.Master.Read(disk, DeviceMode.None, 0, -1, false, _kit.Sink)!.Return);
        Assert.Equal(DeviceReturn.InvalidSize, _kit.Master.Read(disk, DeviceMode.None, 0, 129, true, _kit.Sink)!.Return);
        Assert.Equal(DeviceReturn.InvalidSize, _kit.Master.Write(disk, DeviceMode.None, 0, new byte[129], true, _kit.Sink)!.Return);
        Assert.Empty(_kit.Sent);
    }

    [Fact]
    public void OnInterrupt_Strays_AreCountedAndIgnored()
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Read(disk, DeviceMode.None, 0, 512, false, _kit.Sink);
        var id = _kit.LastRequestId;
        var done = new DiskInterrupt(id, IoOperation.Read, IoStatus.Success, 0, 512, Block);

        Assert.False(_kit.Master.OnInterrupt(_kit.Console, done));                    // from another device
        Assert.False(_kit.Master.OnInterrupt(_kit.Disk, done with { RequestId = 77 })); // unknown request
        Assert.False(_kit.Master.OnInterrupt(_kit.Disk, "noise"));
        Assert.True(_kit.Master.OnInterrupt(_kit.Disk, done));
        Assert.False(_kit.Master.OnInterrupt(_kit.Disk, done));                       // already completed

        Assert.Single(_kit.Sink.Replies);
        Assert.Equal(4, _kit.Master.Stats().StrayInterrupts);
    }

    [Fact]
    public void OnInterrupt_DeviceClosedMeanwhile_StillAnswers()
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Write(disk, DeviceMode.None, 0, Block, false, _kit.Sink);
        _kit.Master.Close(disk);

        _kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(_kit.LastRequestId, IoOperation.Write, IoStatus.Success, 0, 512, ReadOnlyMemory<byte>.Empty));

        Assert.Equal(DeviceReturn.Success, Assert.Single(_kit.Sink.Replies).Return);
        Assert.Equal(0, _kit.Master.Stats().Outstanding);
    }

    [Fact]
    public void OnInterrupt_RequesterGone_ReplyIsDroppedAndCounted()
    {
        var disk = _kit.Open("disk0");
        _kit.Master.Read(disk, DeviceMode.None, 0, 512, false, _kit.Sink);
        _kit.Sink.Gone = true;

        Assert.True(_kit.Master.OnInterrupt(_kit.Disk, new DiskInterrupt(_kit.LastRequestId, IoOperation.Read, IoStatus.Success, 0, 512, Block)));

        var stats = _kit.Master.Stats();
        Assert.Equal((1, 0, 1), (stats.Completed, stats.Outstanding, stats.RepliesDropped));
    }

    [Fact]
    public void GetStatus_GetSize_GivesDeviceAndRecordSize()
    {
        var disk = _kit.Open("disk0");
        var console = _kit.Open("console");

        var diskSize = _kit.Master.GetStatus(disk, DeviceStatusFlavors.GetSize, 2);
        var consoleSize = _kit.Master.GetStatus(console, DeviceStatusFlavors.GetSize, 8);

        Assert.Equal((DeviceReturn.Success, 2911), (diskSize.Return, diskSize.MsgId));
        Assert.Equal([64 * 512, 512], diskSize.Status);
        Assert.Equal([0, 1], consoleSize.Status);
    }

    [Fact]
    public void GetStatus_BadRequests_AreTheirCodes()
    {
        var disk = _kit.Open("disk0");

        Assert.Equal(DeviceReturn.InvalidSize, _kit.Master.GetStatus(disk, DeviceStatusFlavors.GetSize, 1).Return);
        Assert.Equal(DeviceReturn.InvalidOperation, _kit.Master.GetStatus(disk, 42, 8).Return);
        Assert.Equal(DeviceReturn.InvalidOperation, _kit.Master.GetStatus(DeviceHandle.Master, 0, 8).Return);
        Assert.Empty(_kit.Master.GetStatus(disk, 42, 8).Status);
    }

    [Fact]
    public void SetStatus_BuiltinDevices_AreInvalidOperation()
    {
        var disk = _kit.Open("disk0");

        var reply = _kit.Master.SetStatus(disk, 0, [1]);

        Assert.Equal((DeviceReturn.InvalidOperation, 2910), (reply.Return, reply.MsgId));
        Assert.Equal(DeviceReturn.NoSuchDevice, _kit.Master.SetStatus(new DeviceHandle(2, "cdrom"), 0, [1]).Return);
    }

    [Fact]
    public void ToDeviceReturn_EveryIoStatus_KeepsItsMachValue()
    {
        foreach (var status in Enum.GetValues<IoStatus>())
        {
            Assert.Equal((int)status, (int)status.ToDeviceReturn());
        }
        Assert.Equal(DeviceReturn.IoError, ((IoStatus)1234).ToDeviceReturn());
    }
}
