using System.Text;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Device;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Kernel.Device;

/// <summary>The device layer on a booted machine: host calls, asynchronous requests, and threads that wait for device replies.</summary>
public sealed class DeviceServerTests : IDisposable
{
    private readonly MachineKit _kit = new(config: new MachineConfig
    {
        Disks = [new DiskConfig { Geometry = Geometry }],
        Console = new ConsoleConfig { Script = [new ConsoleScriptLine(At(Ms(30)), "typed")] },
    });

    private IActorRef Server => _kit.Machine.DeviceServer;

    private DeviceHandle Open(string name)
    {
        var reply = _kit.Call<DeviceOpenReply>(Server, new DeviceOpen(DeviceHandle.Master, DeviceMode.Read | DeviceMode.Write, name));
        Assert.Equal(DeviceReturn.Success, reply.Return);
        return reply.Device!;
    }

    private DeviceStats Stats => _kit.Call<DeviceStats>(Server, new GetDeviceStats());

    [Fact]
    public void Boot_ConfiguredDevices_AreReachableByName()
    {
        Assert.Equal(["console", "disk0"], _kit.Machine.Devices.Keys.Order());
        Assert.Equal("/user/disk0", _kit.Machine.Devices["disk0"].Path.ToString());
        Assert.Equal(new DeviceHandle(1, "disk0"), Open("disk0"));
        Assert.Equal(new DeviceHandle(2, "console"), Open("console"));
    }

    [Fact]
    public void Boot_MissingImageFile_FailsWithTheDiskNamed()
    {
        using var sys = ActorSystem.Create("bad");
        var config = new MachineConfig { Disks = [new DiskConfig { Name = "disk7", ImagePath = "no-such-dir/none.img" }] };

        var e = Assert.Throws<ArgumentException>(() => Machine.Boot(sys, config, new MachActors.Kernel.Programs.ProgramRegistry()));

        Assert.Contains("disk disk7: cannot open disk image 'no-such-dir/none.img'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_MissingImageFileWithCreateImage_BootsOnAFreshImageThatKeepsWrites()
    {
        var path = Path.Combine(Path.GetTempPath(), "machactors-boot-" + Guid.NewGuid().ToString("N") + ".img");
        try
        {
            var config = new MachineConfig { Disks = [new DiskConfig { Geometry = Geometry, ImagePath = path, CreateImage = true }] };
            using (var kit = new MachineKit(1, config: config))
            {
                var disk = kit.Call<DeviceOpenReply>(kit.Machine.DeviceServer, new DeviceOpen(DeviceHandle.Master, DeviceMode.Read | DeviceMode.Write, "disk0")).Device!;
                Assert.Equal(DeviceReturn.Success, kit.Call<DeviceWriteReply>(kit.Machine.DeviceServer, new DeviceWrite(disk, DeviceMode.None, 5, Pattern(1, 8))).Return);
            }
            var image = File.ReadAllBytes(path);
            Assert.Equal(Geometry.SizeInBytes, image.Length);
            Assert.Equal(Pattern(1, 8), image.AsSpan(5 * 512, 512).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_ThenRead_FromHost_AnswersAtTheModelledTimesWithTheData()
    {
        var disk = Open("disk0");
        var data = Pattern(2, 3);

        var written = _kit.Call<DeviceWriteReply>(Server, new DeviceWrite(disk, DeviceMode.None, BlockOnTrack(1), data));
        Assert.Equal(At(Us(2_100 + 8_000 + 2_000)), _kit.Sys.Now); // seek 0 -> 1, rotation, 2 blocks
        var read = _kit.Call<DeviceReadReply>(Server, new DeviceRead(disk, DeviceMode.None, BlockOnTrack(1), 1024));

        Assert.Equal(new DeviceWriteReply(DeviceReturn.Success, 1024, false), written);
        Assert.Equal(At(Us(12_100 + 8_000 + 2_000)), _kit.Sys.Now); // track 1 -> 1: no seek
        Assert.Equal(DeviceReturn.Success, read.Return);
        Assert.Equal(data, read.Data.ToArray());
    }

    [Fact]
    public void Read_BadRecnumFromHost_IsInvalidRecnumAtOnce()
    {
        var disk = Open("disk0");

        var read = _kit.Call<DeviceReadReply>(Server, new DeviceRead(disk, DeviceMode.None, 5000, 512));

        Assert.Equal(DeviceReturn.InvalidRecnum, read.Return);
        Assert.Equal(VirtualTime.Zero, _kit.Sys.Now);
    }

    [Fact]
    public void ReadRequest_Asynchronous_CallerIsAnsweredAtOnceAndTheCompletionBecomesTheReply()
    {
        var disk = Open("disk0");
        var replies = new TestProbe(_kit.Sys, "replies");

        var sent = _kit.Call<KernReturn>(Server, new DeviceReadRequest(disk, DeviceMode.None, BlockOnTrack(2), 512, new ActorReplySink(replies.Ref)));

        Assert.Equal(KernReturn.Success, sent);
        Assert.Equal(VirtualTime.Zero, _kit.Sys.Now);
        var reply = replies.ExpectMsg<DeviceReadReply>();
        Assert.Equal((DeviceReturn.Success, 2904, 512), (reply.Return, reply.MsgId, reply.Data.Length));
        Assert.Equal(At(Us(2_200 + 9_000)), replies.LastMessage!.At);
        Assert.Equal(0, Stats.Outstanding);
    }

    [Fact]
    public void Requests_ImmediateFailures_GoToTheSinkToo()
    {
        var replies = new TestProbe(_kit.Sys, "replies");
        var sink = new ActorReplySink(replies.Ref);

        _kit.Call<KernReturn>(Server, new DeviceOpenRequest(DeviceHandle.Master, DeviceMode.Read, "tape0", sink));
        _kit.Call<KernReturn>(Server, new DeviceWriteRequest(new DeviceHandle(2, "console"), DeviceMode.None, 0, new byte[1], sink, Inband: true));

        Assert.Equal(new DeviceOpenReply(DeviceReturn.NoSuchDevice, null), replies.ExpectMsg<DeviceOpenReply>());
        var write = replies.ExpectMsg<DeviceWriteReply>();
        Assert.Equal((DeviceReturn.NoSuchDevice, 2903), (write.Return, write.MsgId));
    }

    [Fact]
    public void Console_WriteAndScriptedRead_ThroughTheDeviceLayer()
    {
        var console = Open("console");

        var written = _kit.Call<DeviceWriteReply>(Server, new DeviceWrite(console, DeviceMode.None, 0, Encoding.UTF8.GetBytes("login: "), Inband: true));
        var early = _kit.Call<DeviceReadReply>(Server, new DeviceRead(console, DeviceMode.NoWait, 0, 64, Inband: true));
        var line = _kit.Call<DeviceReadReply>(Server, new DeviceRead(console, DeviceMode.None, 0, 64, Inband: true));

        Assert.Equal(new DeviceWriteReply(DeviceReturn.Success, 7, true), written);
        Assert.Equal("login: ", _kit.Machine.ConsoleOutput!.Text);
        Assert.Equal(DeviceReturn.WouldBlock, early.Return);
        Assert.Equal("typed\n", Encoding.UTF8.GetString(line.Data.Span));
        Assert.Equal(At(Ms(30)), _kit.Sys.Now);
    }

    [Fact]
    public void Read_FromAThread_BlocksTheThreadUntilTheInputArrives()
    {
        string? text = null;
        VirtualTime at = default;
        var started = _kit.Start(async env =>
        {
            var open = await env.Call<DeviceOpenReply>(Server, new DeviceOpen(DeviceHandle.Master, DeviceMode.Read, "console"));
            var read = await env.Call<DeviceReadReply>(Server, new DeviceRead(open.Device!, DeviceMode.None, 0, 64));
            text = Encoding.UTF8.GetString(read.Data.Span);
            at = env.Now;
        });

        _kit.RunToEnd();

        Assert.Equal("typed\n", text);
        Assert.True(at >= At(Ms(30)) && at < At(Ms(31)), $"read returned at {at}");
        Assert.True(_kit.TimeByCpu(started.MainThread!).Sum(d => d.Nanoseconds) < Ms(1).Nanoseconds, "the waiting thread used CPU time");
    }

    [Fact]
    public void Read_ThreadTerminatedWhileWaiting_ReplyIsDroppedAndCounted()
    {
        var started = _kit.Start(async env =>
        {
            var open = await env.Call<DeviceOpenReply>(Server, new DeviceOpen(DeviceHandle.Master, DeviceMode.Read, "console"));
            await env.Call<DeviceReadReply>(Server, new DeviceRead(open.Device!, DeviceMode.None, 0, 64));
        });
        _kit.RunFor(Ms(5));
        Assert.Equal(1, Stats.Outstanding);

        Assert.Equal(KernReturn.Success, _kit.Call<KernReturn>(started.Task!, new TaskTerminate()));
        _kit.RunFor(Ms(40)); // the scripted line arrives at 30 ms and completes the orphaned read

        var stats = Stats;
        Assert.Equal((1, 0, 1), (stats.Completed, stats.Outstanding, stats.RepliesDropped));
        Assert.Empty(_kit.Machine.Status.Faults);
        _kit.AssertNoActorFailures();
    }

    [Fact]
    public void Read_ThreadAbortedWhileWaiting_ReturnsAbortedAndTheLateReplyIsDropped()
    {
        DeviceReturn? result = null;
        var started = _kit.Start(async env =>
        {
            var open = await env.Call<DeviceOpenReply>(Server, new DeviceOpen(DeviceHandle.Master, DeviceMode.Read, "console"));
            result = (await env.Call<DeviceReadReply>(Server, new DeviceRead(open.Device!, DeviceMode.None, 0, 64))).Return;
        });
        _kit.RunFor(Ms(5));

        Assert.Equal(KernReturn.Success, _kit.Call<KernReturn>(started.MainThread!, new ThreadAbort()));
        _kit.RunToEnd();
        _kit.RunFor(Ms(40));

        Assert.Equal(DeviceReturn.Aborted, result);
        Assert.Equal(1, Stats.RepliesDropped);
    }

    public void Dispose() => _kit.Dispose();
}
