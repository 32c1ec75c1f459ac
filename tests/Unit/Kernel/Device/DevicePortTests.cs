using System.Collections.Immutable;
using System.Text;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Kernel.Device;

/// <summary>Programs reach the devices through ports: the master port, per-device ports, the IDevice routines and the device_request forms.</summary>
public sealed class DevicePortTests
{
    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void Console_OpenAndWriteALine_TheConsoleShowsItAtItsVirtualTime(DispatcherKind kind)
    {
        using var kit = DevicePortKit.Boot(kind);
        var line = "hello, world\n";
        DeviceReturn opened = default, closed = default;
        (DeviceReturn Code, int Bytes) written = default;
        (DeviceReturn Code, ImmutableArray<byte> Data) typed = default;
        VirtualTime before = default, after = default, typedAt = default;
        kit.Start(async env =>
        {
            var (code, console) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read | DeviceMode.Write, "console");
            opened = code;
            before = env.Now;
            written = await env.DeviceWriteInband(console, DeviceMode.None, 0, [.. Encoding.UTF8.GetBytes(line)]);
            after = env.Now;
            typed = await env.DeviceReadInband(console, DeviceMode.None, 0, 64); // waits for the scripted line
            typedAt = env.Now;
            closed = await env.DeviceClose(console);
        });

        kit.RunToEnd();

        Assert.Equal((DeviceReturn.Success, DeviceReturn.Success, DeviceReturn.Success, line.Length), (opened, written.Code, closed, written.Bytes));
        var output = Assert.Single(kit.Machine.ConsoleOutput!.Writes);
        Assert.Equal(line, output.Text);
        // the console took the request during the call and spent ByteTime on each byte; the reply follows the write
        Assert.True(output.At - before >= DevicePortKit.ByteTime * line.Length && output.At <= after, $"written at {output.At}, call from {before} to {after}");
        Assert.True(after - output.At < Us(100), $"the reply came {after - output.At} after the write");
        Assert.Equal((DeviceReturn.Success, "typed\n"), (typed.Code, Encoding.UTF8.GetString(typed.Data.AsSpan())));
        Assert.True(typedAt >= At(Ms(30)) && typedAt < At(Ms(31)), $"the line was read at {typedAt}");
        Assert.Equal((1L, 1L, 2L, 0L), (kit.Stats().Opens, kit.Stats().Closes, kit.Stats().Completed, kit.Stats().Outstanding));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void Disk_WriteABlockAndReadItBack_ThroughTheDevicePort(DispatcherKind kind)
    {
        using var kit = DevicePortKit.Boot(kind);
        var data = Pattern(2, 7);
        var log = new List<string>();
        ImmutableArray<byte> read = [];
        ImmutableArray<int> size = [];
        Duration writeTook = default;
        kit.Start(async env =>
        {
            var (_, disk) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read | DeviceMode.Write, "disk0");
            var start = env.Now;
            var (wrote, bytes) = await env.DeviceWrite(disk, DeviceMode.None, (int)BlockOnTrack(1), [.. data]);
            writeTook = env.Now - start;
            log.Add($"write {wrote} {bytes}");
            DeviceReturn code;
            (code, read) = await env.DeviceRead(disk, DeviceMode.None, (int)BlockOnTrack(1), 1024);
            log.Add($"read {code}");
            (code, size) = await env.DeviceGetStatus(disk, DeviceStatusFlavors.GetSize);
            log.Add($"size {code}");
            log.Add($"set {await env.DeviceSetStatus(disk, DeviceStatusFlavors.GetSize, [1, 2])}");
        });

        kit.RunToEnd();

        Assert.Equal(["write Success 1024", "read Success", "size Success", "set InvalidOperation"], log);
        Assert.Equal(data, read.ToArray());
        Assert.Equal(new[] { 1024 * 512, 512 }, size.ToArray()); // DEV_GET_SIZE: bytes, record size
        Assert.True(writeTook >= Us(2_100 + 8_000 + 2_000), $"the write took {writeTook}"); // seek 0 -> 1, rotation, 2 blocks
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void Requests_Asynchronous_TheRepliesArriveLaterOnTheProgramsPort(DispatcherKind kind)
    {
        using var kit = DevicePortKit.Boot(kind);
        var replies = new List<DeviceReplyMessage>();
        var log = new List<string>();
        Duration sendTook = default, replyAfter = default;
        kit.Start(async env =>
        {
            var reply = await env.MachReplyPort();
            log.Add($"open sent {await env.DeviceOpenRequest(env.DeviceMasterPort, reply, DeviceMode.Read, "console")}");
            var open = await env.DeviceReceiveReply(reply);
            replies.Add(open);
            var (_, again) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read, "console");
            log.Add($"same port {again == open.Device}");
            var start = env.Now;
            log.Add($"read sent {await env.DeviceReadRequest(open.Device, reply, DeviceMode.None, 0, 64)}");
            sendTook = env.Now - start;
            log.Add($"write sent {await env.DeviceWriteRequestInband(open.Device, reply, DeviceMode.None, 0, [.. "> "u8])}");
            replies.Add(await env.DeviceReceiveReply(reply)); // the write (0.2 ms) completes before the typed line (30 ms)
            replies.Add(await env.DeviceReceiveReply(reply));
            replyAfter = env.Now - start;
        });

        kit.RunToEnd();

        Assert.Equal(["open sent Success", "same port True", "read sent Success", "write sent Success"], log);
        Assert.Equal((2900, DeviceReturn.Success), (replies[0].Id, replies[0].Return));
        Assert.NotEqual(PortName.Null, replies[0].Device);
        Assert.Equal((2903, DeviceReturn.Success, 2), (replies[1].Id, replies[1].Return, replies[1].BytesWritten));
        Assert.Equal((2904, DeviceReturn.Success, "typed\n"), (replies[2].Id, replies[2].Return, Encoding.UTF8.GetString(replies[2].Data.AsSpan())));
        Assert.True(sendTook < Ms(1), $"sending the request took {sendTook}");
        Assert.True(replyAfter >= Ms(29), $"the read's reply came {replyAfter} after the request");
        Assert.Equal("> ", kit.Machine.ConsoleOutput!.Text);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void Requests_ImmediateFailure_IsAFullReplyOnTheProgramsPort()
    {
        using var kit = DevicePortKit.Boot();
        var replies = new List<DeviceReplyMessage>();
        kit.Start(async env =>
        {
            var reply = await env.MachReplyPort();
            await env.DeviceOpenRequest(env.DeviceMasterPort, reply, DeviceMode.Read, "tape0");
            replies.Add(await env.DeviceReceiveReply(reply));
            var (_, disk) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read, "disk0");
            await env.DeviceReadRequest(disk, reply, DeviceMode.None, 5000, 512);
            replies.Add(await env.DeviceReceiveReply(reply));
            await env.DeviceWriteRequest(env.DeviceMasterPort, reply, DeviceMode.None, 0, [1, 2]);
            replies.Add(await env.DeviceReceiveReply(reply));
        });

        kit.RunToEnd();

        Assert.Equal([(2900, DeviceReturn.NoSuchDevice), (2904, DeviceReturn.InvalidRecnum), (2902, DeviceReturn.InvalidOperation)],
            replies.Select(r => (r.Id, r.Return)));
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void Subsystems_RequestAndReplyIds_FollowTheSpec()
    {
        int[] requests = [2800, 2801, 2802, 2803, 2804, 2805, 2810, 2811];

        Assert.Equal([true, false, true, true, true, true, false, false], requests.Select(MachActors.Kernel.Mig.Interfaces.DeviceRequestServer.IsRoutine));
        Assert.Equal([true, false, true, true, true, true, false, false], requests.Select(id => MachActors.Kernel.Mig.Interfaces.DeviceReplyServer.IsRoutine(id + 100)));
        Assert.All(requests, id => Assert.True(MachActors.Kernel.Mig.Interfaces.DeviceServer.IsRoutine(id)));
    }
}
