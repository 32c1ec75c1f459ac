using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>Task, thread and host calls as MIG messages on kernel ports (docs/IPC.md rule 7), and their bad input.</summary>
public sealed class KernelPortTests
{
    private static ThreadBody Spin(int ms) => async e =>
    {
        await ComputeMs(e, ms);
        return null;
    };

    /// <summary>A raw RPC to <paramref name="target"/> with <paramref name="id"/> and <paramref name="body"/>; the reply's RetCode.</summary>
    private static async Task<int> RawRpc(MachEnv env, PortName target, int id, params MsgItem[] body)
    {
        var reply = await env.GetReplyPortAsync();
        var result = await env.RpcAsync(new MachMessage(new MsgHeader(target, MsgType.CopySend, reply, MsgType.MakeSendOnce, id), [.. body]));
        Assert.Equal(MachMsgReturn.Success, result.Return);
        Assert.Equal(id + 100, result.Message!.Header.Id);
        return ((MsgItem.Int32)result.Message.Body[0]).Value;
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskAndThreadCalls_ThroughPorts_SuspendStopsTheChildAndResumeRestartsIt(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var (code, child) = await env.TaskCreate(env.TaskSelf);
            log.Add($"create {code}");
            var (_, thread) = await env.ThreadCreate(child, Spin(40), "worker");
            var (_, threads) = await env.TaskThreads(child);
            log.Add($"threads {threads.Length}");
            var port = threads[0];
            log.Add($"same name {port == thread}");
            log.Add($"resume {await env.ThreadResume(port)}");
            await ComputeMs(env, 2);
            log.Add($"suspend {await env.TaskSuspend(child)}");
            var (infoCode, words) = await env.ThreadInfo(port);
            log.Add($"info {infoCode} {(ThreadRunState)words[InfoWords.ThreadBasicRunState]}");
            var (taskCode, taskWords) = await env.TaskInfo(child);
            log.Add($"task {taskCode} suspended {taskWords[0]}");
            log.Add($"resume {await env.TaskResume(child)}");
            log.Add($"again {await env.TaskResume(child)}");
            var join = await env.CThreadJoin(thread);
            log.Add($"joined {join.Result}");
        });

        kit.RunToEnd();

        Assert.Equal(["create Success", "threads 1", "same name True", "resume Success", "suspend Success", "info Success Stopped", "task Success suspended 1",
            "resume Success", "again Failure", "joined Success"], log);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void KernelPort_BadInput_AnswersMigCodesAndMachMsgCodes()
    {
        using var kit = new MachineKit();
        var codes = new Dictionary<string, int>();
        kit.Start(async env =>
        {
            codes["unknown id"] = await RawRpc(env, env.TaskSelf, 2999);
            codes["thread routine on task port"] = await RawRpc(env, env.TaskSelf, 2062);
            codes["task_info without arguments"] = await RawRpc(env, env.TaskSelf, 2012);
            codes["task_info with a string"] = await RawRpc(env, env.TaskSelf, 2012, new MsgItem.CString("x"), new MsgItem.Int32(1));
            codes["host port unknown id"] = await RawRpc(env, env.HostSelf, 2600);
            codes["forged name"] = (int)await env.TaskSuspend(new PortName(0x7777_0003));
            codes["special port index"] = (int)(await env.TaskGetSpecialPort(env.TaskSelf, 2)).Code;
            codes["thread_create by message"] = (int)(await new MachActors.Kernel.Mig.Interfaces.MachTaskClient(env).ThreadCreateAsync(env.TaskSelf)).RetCode;
            codes["info flavor"] = (int)(await env.ThreadInfo(env.ThreadSelf, 9)).Code;
            codes["version"] = (await env.HostKernelVersion()).Version == MachActors.Kernel.Kern.Host.KernelVersion ? 0 : 1;
        });

        kit.RunToEnd();

        Assert.Equal((int)MigReturn.BadId, codes["unknown id"]);
        Assert.Equal((int)MigReturn.BadId, codes["thread routine on task port"]);
        Assert.Equal((int)MigReturn.BadArguments, codes["task_info without arguments"]);
        Assert.Equal((int)MigReturn.BadArguments, codes["task_info with a string"]);
        Assert.Equal((int)MigReturn.BadId, codes["host port unknown id"]);
        Assert.Equal((int)MachMsgReturn.SendInvalidDest, codes["forged name"]);
        Assert.Equal((int)KernReturn.InvalidArgument, codes["special port index"]);
        Assert.Equal((int)KernReturn.Failure, codes["thread_create by message"]);
        Assert.Equal((int)KernReturn.InvalidArgument, codes["info flavor"]);
        Assert.Equal(0, codes["version"]);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskPort_AfterTaskTerminate_IsDeadForItsHolders(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        KernReturn terminated = default, after = default;
        PortCallReply? type = null;
        kit.Start(async env =>
        {
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            terminated = await env.TaskTerminate(child);
            for (var i = 0; i < 200 && (await env.PortType(child)).Type != PortType.DeadName; i++) await env.Yield();
            type = await env.PortType(child);
            after = await env.TaskSuspend(child);
        });

        kit.RunToEnd();

        Assert.Equal(KernReturn.Success, terminated);
        Assert.Equal((int)MachMsgReturn.SendInvalidDest, (int)after);
        Assert.Equal(PortType.DeadName, type!.Type);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void Reply_ToADeadReplyPort_IsDestroyedAndItsRightReleased()
    {
        using var kit = new MachineKit();
        int before = 0, afterReply = 0;
        kit.Start(async env =>
        {
            var bootstrap = await env.MachReplyPort();
            await env.PortInsertRight(bootstrap, bootstrap, MsgType.MakeSend);
            Assert.Equal(KernReturn.Success, await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap, bootstrap));
            before = (await env.PortGetReceiveStatus(bootstrap)).SRights;
            var reply = await env.MachReplyPort();
            var request = new MachMessage(new MsgHeader(env.TaskSelf, MsgType.CopySend, reply, MsgType.MakeSendOnce, 2058), [new MsgItem.Int32(SpecialPorts.Bootstrap)]);
            Assert.Equal(MachMsgReturn.Success, (await env.Send(request)).Return);
            Assert.Equal(KernReturn.Success, (await env.PortDestroy(reply)).Result);
            for (var i = 0; i < 10; i++) await env.Yield();
            afterReply = (await env.PortGetReceiveStatus(bootstrap)).SRights;
        });

        kit.RunToEnd();

        Assert.Equal(2, before); // ours and the task's
        Assert.Equal(before, afterReply);
        kit.AssertNoActorFailures();
    }
}
