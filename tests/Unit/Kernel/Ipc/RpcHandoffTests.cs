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
        var observer = new DispatchLog();
        using var kit = new MachineKit(cpus: 1, kind, options: new SchedulerOptions { Observer = observer });
        ThreadHandle? client = null;
        var replies = new ConcurrentQueue<long>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var child = (await env.TaskCreate(env.Task, "client")).Task!;
            Assert.Equal(KernReturn.Success, (await env.PortInsertRight(child, ServerName, port, MsgType.MakeSend)).Result);
            client = (await env.ThreadCreate(child, async e =>
            {
                var reply = await e.MachReplyPort();
                var request = new MachMessage(new MsgHeader(ServerName, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1));
                for (var i = 0; i < 4; i++)
                {
                    var answer = await e.Rpc(request, reply);
                    Assert.Equal(MachMsgReturn.Success, answer.Return);
                    replies.Enqueue(answer.Message!.Seqno);
                }
                return null;
            }, "client")).Thread!;
            await env.ThreadResume(client);
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
        Assert.Contains(observer.Records, d => d.Handoff && d.ThreadId == client!.Id);
        kit.AssertNoActorFailures();
    }

    private sealed class DispatchLog : ISchedulerObserver
    {
        public ConcurrentQueue<DispatchRecord> Records { get; } = new();

        public void OnDispatch(DispatchRecord dispatch) => Records.Enqueue(dispatch);
    }
}
