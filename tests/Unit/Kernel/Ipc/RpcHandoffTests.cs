using MachActors.Actors.Timing;
using System.Collections.Concurrent;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>IPC handoff in both directions of an RPC loop (spec 2.4, 5.6): the request hands the CPU to the server, the reply back to the client.</summary>
public sealed class RpcHandoffTests
{
    private static readonly PortName ServerName = new(0x4321);

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Rpc_ServerRepliesAndReceivesInOneCall_HandsTheCpuBackToTheClient(DispatcherKind kind)
    {
        var (observer, client, _) = RunLoop(kind, cpus: 1);

        Assert.Contains(observer.Records, d => d.Handoff && d.ThreadId == client.Id);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Rpc_OnTwoCpusWithOneIdle_HandsTheCpuToTheServerAndBack(DispatcherKind kind)
    {
        var (observer, client, server) = RunLoop(kind, cpus: 2);

        // Without the reservation the woken thread went to the idle CPU and no handoff happened. The first
        // request finds the server not yet waiting, and the last reply is a plain send (no reservation).
        Assert.True(observer.Records.Count(d => d.Handoff && d.ThreadId == server.Id) >= 3, "requests handed the CPU to the server");
        Assert.True(observer.Records.Count(d => d.Handoff && d.ThreadId == client.Id) >= 2, "replies handed the CPU back to the client");
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Rpc_ReceiveHalfAnsweredAtOnce_TheWokenServerIsNotKeptFromTheIdleCpu(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        VirtualTime? served = null;
        VirtualTime? clientDone = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            Assert.Equal(KernReturn.Success, (await env.PortInsertRight(port, port, MsgType.MakeSend)).Result);
            var (code, client) = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                var reply = await e.MachReplyPort();
                Assert.Equal(KernReturn.Success, (await e.PortInsertRight(reply, reply, MsgType.MakeSend)).Result);
                await e.Send(new MachMessage(MsgHeader.To(reply, MsgType.CopySend, 7))); // already queued when the RPC receives
                await e.Compute(CyclesPerMs); // the server is waiting by now: the RPC's send wakes it with a handoff hint
                var early = await e.Rpc(new MachMessage(new MsgHeader(port, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1)), reply);
                Assert.Equal(7, early.Message!.Header.Id); // the receive half did not block: no handoff
                await e.Compute(50 * CyclesPerMs);
                clientDone = e.Now;
                return null;
            }, "client");
            Assert.Equal(KernReturn.Success, code);
            Assert.Equal(KernReturn.Success, await env.ThreadResume(client));
            var request = await env.Receive(port);
            served = env.Now;
            Assert.Equal(MachMsgReturn.Success, request.Return);
            await env.Send(new MachMessage(MsgHeader.To(request.Message!.Header.Remote, MsgType.MoveSendOnce, 2)));
        });

        kit.RunToEnd();

        // Kept for the client's CPU, the server would run only when the client gave it up (50 ms later).
        Assert.True(served!.Value + Ms(40) < clientDone!.Value, $"server ran at {served}, client finished at {clientDone}");
        kit.AssertNoActorFailures();
    }

    /// <summary>A client thread makes 4 RPCs to a server thread that replies and receives in one call; returns the dispatch log and both threads.</summary>
    private static (DispatchLog Observer, ThreadHandle Client, ThreadHandle Server) RunLoop(DispatcherKind kind, int cpus)
    {
        var observer = new DispatchLog();
        using var kit = new MachineKit(cpus: cpus, kind, options: new SchedulerOptions { Observer = observer });
        ThreadHandle? client = null;
        ThreadHandle? server = null;
        var replies = new ConcurrentQueue<long>();
        kit.Start(async env =>
        {
            server = env.Self;
            var port = await env.MachReplyPort();
            var (_, child) = await env.TaskCreate(env.TaskSelf, "client");
            Assert.Equal(KernReturn.Success, (await env.PortInsertRight(child, ServerName, port, MsgType.MakeSend)).Result);
            var (_, clientPort) = await env.ThreadCreate(child, async e =>
            {
                client = e.Self;
                var reply = await e.MachReplyPort();
                var request = new MachMessage(new MsgHeader(ServerName, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1));
                for (var i = 0; i < 4; i++)
                {
                    var answer = await e.Rpc(request, reply);
                    Assert.Equal(MachMsgReturn.Success, answer.Return);
                    replies.Enqueue(answer.Message!.Seqno);
                }
                return null;
            }, "client");
            await env.ThreadResume(clientPort);
            var next = await env.Receive(port);
            for (var i = 0; i < 3; i++)
            {
                var reply = new MachMessage(MsgHeader.To(next.Message!.Header.Remote, MsgType.MoveSendOnce, 2));
                next = await env.MachMsg(reply, MachMsgOption.Send | MachMsgOption.Receive, receiveName: port);
                Assert.Equal(MachMsgReturn.Success, next.Return);
            }
            await env.Send(new MachMessage(MsgHeader.To(next.Message!.Header.Remote, MsgType.MoveSendOnce, 2)));
        });

        kit.RunToEnd();

        Assert.Equal([0L, 1, 2, 3], replies);
        kit.AssertNoActorFailures();
        return (observer, client!, server!);
    }

    private sealed class DispatchLog : ISchedulerObserver
    {
        public ConcurrentQueue<DispatchRecord> Records { get; } = new();

        public void OnDispatch(DispatchRecord dispatch) => Records.Enqueue(dispatch);
    }
}
