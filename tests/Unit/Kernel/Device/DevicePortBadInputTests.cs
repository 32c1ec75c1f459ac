using MachActors.Kernel;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Device;

/// <summary>Bad input on the device ports: forged and wrong ports, unknown devices, bad sizes and records, closed devices, dead reply ports, and who holds the master port.</summary>
public sealed class DevicePortBadInputTests
{
    /// <summary>A raw RPC to <paramref name="target"/>; the reply's RetCode.</summary>
    private static async Task<int> RawRpc(MachEnv env, PortName target, int id, params MsgItem[] body)
    {
        var reply = await env.GetReplyPortAsync();
        var result = await env.RpcAsync(new MachMessage(new MsgHeader(target, MsgType.CopySend, reply, MsgType.MakeSendOnce, id), [.. body]));
        Assert.Equal(MachMsgReturn.Success, result.Return);
        return ((MsgItem.Int32)result.Message!.Body[0]).Value;
    }

    [Fact]
    public void DevicePorts_BadInput_AnswerDeviceMigAndMachMsgCodes()
    {
        using var kit = DevicePortKit.Boot();
        var codes = new Dictionary<string, int>();
        kit.Start(async env =>
        {
            codes["forged master"] = (int)(await env.DeviceOpen(new PortName(0x7777_0003), DeviceMode.Read, "console")).Code;
            var (_, disk) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read | DeviceMode.Write, "disk0");
            codes["device port as master"] = (int)(await env.DeviceOpen(disk, DeviceMode.Read, "console")).Code;
            codes["host port as master"] = (int)(await env.DeviceOpen(env.HostSelf, DeviceMode.Read, "console")).Code;
            codes["unknown device"] = (int)(await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read, "tape0")).Code;
            codes["read past the end"] = (int)(await env.DeviceRead(disk, DeviceMode.None, 1024, 512)).Code;
            codes["negative record"] = (int)(await env.DeviceRead(disk, DeviceMode.None, -1, 512)).Code;
            codes["negative size"] = (int)(await env.DeviceRead(disk, DeviceMode.None, 0, -512)).Code;
            codes["partial block"] = (int)(await env.DeviceWrite(disk, DeviceMode.None, 0, [1, 2, 3])).Code;
            codes["read on master"] = (int)(await env.DeviceRead(env.DeviceMasterPort, DeviceMode.None, 0, 512)).Code;
            codes["close master"] = (int)await env.DeviceClose(env.DeviceMasterPort);
            codes["inband too big"] = (int)(await env.DeviceWriteInband(disk, DeviceMode.None, 0, [.. new byte[129]])).Code;
            codes["inband read too big"] = (int)(await env.DeviceReadInband(disk, DeviceMode.None, 0, 129)).Code;
            codes["status words"] = (int)await RawRpc(env, disk, 2810, new MsgItem.Int32(0), new MsgItem.Bytes([1, 2, 3], false, false));
            codes["unknown id"] = await RawRpc(env, disk, 2807);
            codes["wrong shape"] = await RawRpc(env, disk, 2804, new MsgItem.CString("x"));
            codes["close"] = (int)await env.DeviceClose(disk);
            codes["read on closed"] = (int)(await env.DeviceRead(disk, DeviceMode.None, 0, 512)).Code;
            codes["close again"] = (int)await env.DeviceClose(disk);
        });

        kit.RunToEnd();

        Assert.Equal((int)MachMsgReturn.SendInvalidDest, codes["forged master"]);
        Assert.Equal((int)DeviceReturn.InvalidOperation, codes["device port as master"]);
        Assert.Equal((int)MigReturn.BadId, codes["host port as master"]);
        Assert.Equal((int)DeviceReturn.NoSuchDevice, codes["unknown device"]);
        Assert.Equal((int)DeviceReturn.InvalidRecnum, codes["read past the end"]);
        Assert.Equal((int)DeviceReturn.InvalidRecnum, codes["negative record"]);
        Assert.Equal((int)DeviceReturn.InvalidSize, codes["negative size"]);
        Assert.Equal((int)DeviceReturn.InvalidSize, codes["partial block"]);
        Assert.Equal((int)DeviceReturn.InvalidOperation, codes["read on master"]);
        Assert.Equal((int)DeviceReturn.InvalidOperation, codes["close master"]);
        Assert.Equal((int)MigReturn.ArrayTooLarge, codes["inband too big"]);
        Assert.Equal((int)DeviceReturn.InvalidSize, codes["inband read too big"]);
        Assert.Equal((int)DeviceReturn.InvalidSize, codes["status words"]);
        Assert.Equal((int)MigReturn.BadId, codes["unknown id"]);
        Assert.Equal((int)MigReturn.BadArguments, codes["wrong shape"]);
        Assert.Equal((int)DeviceReturn.Success, codes["close"]);
        Assert.Equal((int)DeviceReturn.NoSuchDevice, codes["read on closed"]);
        Assert.Equal((int)DeviceReturn.NoSuchDevice, codes["close again"]);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void MasterPort_HeldByHostStartedTasks_NotInheritedByChildren()
    {
        using var kit = DevicePortKit.Boot();
        PortName parentMaster = default, childMaster = PortName.Dead;
        kit.Start(async env =>
        {
            parentMaster = env.DeviceMasterPort;
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            var created = await env.ThreadCreate(child, async e =>
            {
                childMaster = e.DeviceMasterPort;
                await e.Compute(CyclesPerMs);
                return null;
            });
            var (_, threads) = await env.TaskThreads(child);
            Assert.Equal(KernReturn.Success, await env.ThreadResume(threads[0]));
            await env.CThreadJoin(created.Thread!);
        });
        kit.Start(async env => await env.Compute(CyclesPerMs), "second");

        kit.RunToEnd();

        Assert.NotEqual(PortName.Null, parentMaster);
        Assert.Equal(PortName.Null, childMaster);
        Assert.Equal(2, kit.PortStatus(null).SRights); // one send right in each task the host started
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ReadRequest_ReplyPortDestroyedBeforeTheCompletion_ReplyIsDestroyedAndCounted()
    {
        using var kit = DevicePortKit.Boot();
        DeviceReturn later = default;
        kit.Start(async env =>
        {
            var (_, console) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read, "console");
            var reply = await env.MachReplyPort();
            Assert.Equal(MachMsgReturn.Success, await env.DeviceReadRequest(console, reply, DeviceMode.None, 0, 64));
            await env.PortDestroy(reply);
            await ComputeMs(env, 40); // the scripted line arrives at 30 ms and completes the read
            later = (await env.DeviceWriteInband(console, DeviceMode.None, 0, [.. "ok"u8])).Code;
        });

        kit.RunToEnd();

        var stats = kit.Stats();
        Assert.Equal((2L, 2L, 0L), (stats.Queued, stats.Completed, stats.Outstanding));
        Assert.Equal(DeviceReturn.Success, later);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void OpenRequest_ReplyPortDestroyed_TheDeviceRightInTheReplyIsReleased()
    {
        using var kit = DevicePortKit.Boot();
        kit.Start(async env =>
        {
            await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read, "disk0");
            var doomed = await env.MachReplyPort();
            Assert.Equal(MachMsgReturn.Success, await env.DeviceOpenRequest(env.DeviceMasterPort, doomed, DeviceMode.Read, "disk0"));
            await env.PortDestroy(doomed);
            await ComputeMs(env, 2);
        });

        kit.RunToEnd();
        kit.RunFor(Ms(5));

        var status = kit.PortStatus("disk0");
        Assert.Equal((KernReturn.Success, 2, 1), (status.Result, status.MsCount, status.SRights)); // two made, the program's kept, the reply's released
        Assert.Equal(2L, kit.Stats().Opens);
        kit.AssertNoActorFailures();
    }
}
