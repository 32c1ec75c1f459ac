using System.Collections.Concurrent;
using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

public sealed partial class MachMsgTests
{
    public static TheoryData<DispatcherKind, int> DispatchersAndCpus => new()
    {
        { DispatcherKind.Controlled, 1 }, { DispatcherKind.Controlled, 2 }, { DispatcherKind.Parallel, 1 }, { DispatcherKind.Parallel, 2 },
    };

    private static MachMessage Value(PortName to, int id, int value, MsgType disposition = MsgType.CopySend) =>
        new(MsgHeader.To(to, disposition, id), [new MsgItem.Int32(value)]);

    private static int ValueOf(MachMsgResult r) => ((MsgItem.Int32)r.Message!.Body[0]).Value;

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void Send_TwoTasks_MessagesArriveInOrderWithConsecutiveSeqnos(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        var received = new List<MachMsgResult>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await StartClient(env, port, async e =>
            {
                for (var i = 0; i < 12; i++) Assert.Equal(MachMsgReturn.Success, (await e.Send(Value(ServerName, 500 + i, i * i))).Return);
                return null;
            });
            for (var i = 0; i < 12; i++) received.Add(await env.Receive(port));
        });

        kit.RunToEnd();

        Assert.All(received, r => Assert.Equal(MachMsgReturn.Success, r.Return));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => 500 + i), received.Select(r => r.Message!.Header.Id));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), received.Select(r => r.Message!.Seqno));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * i), received.Select(ValueOf));
        Assert.All(received, r => Assert.Equal(MsgType.PortSend, r.Message!.Header.LocalDisposition));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void Rpc_ClientAndServer_ReplyComesBackThroughTheSendOnceRight(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        var answers = new ConcurrentQueue<int>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var client = await StartClient(env, port, async e =>
            {
                var reply = await e.MachReplyPort();
                for (var i = 1; i <= 5; i++)
                {
                    var request = new MachMessage(new MsgHeader(ServerName, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1000), [new MsgItem.Int32(i)]);
                    var result = await e.Rpc(request, reply);
                    Assert.Equal(MachMsgReturn.Success, result.Return);
                    Assert.Equal(1100, result.Message!.Header.Id);
                    Assert.Equal(MsgType.PortSendOnce, result.Message.Header.LocalDisposition);
                    answers.Enqueue(ValueOf(result));
                }
                return null;
            });
            for (var i = 0; i < 5; i++)
            {
                var request = await env.Receive(port);
                Assert.Equal(MsgType.PortSendOnce, request.Message!.Header.RemoteDisposition);
                var sent = await env.Send(Value(request.Message.Header.Remote, 1100, ValueOf(request) * 10, MsgType.MoveSendOnce));
                Assert.Equal(MachMsgReturn.Success, sent.Return);
            }
            await env.CThreadJoin(client);
        });

        kit.RunToEnd();

        Assert.Equal([10, 20, 30, 40, 50], answers);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Rpc_ServerBlockedInReceive_HandsTheCpuToTheServer(DispatcherKind kind)
    {
        var observer = new DispatchLog();
        using var kit = new MachineKit(cpus: 1, kind, options: new SchedulerOptions { Observer = observer });
        long? server = null;
        MachMsgResult? answer = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var serverPort = await env.CThreadFork(async e =>
            {
                server = e.Self.Id;
                var request = await e.Receive(port);
                await e.Send(Value(request.Message!.Header.Remote, 7, 99, MsgType.MoveSendOnce));
                return null;
            }, "server");
            await StartClient(env, port, async e =>
            {
                var reply = await e.MachReplyPort();
                await UntilWaiting(e, ServerThreadName);
                answer = await e.Rpc(new MachMessage(new MsgHeader(ServerName, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1)), reply);
                return null;
            }, serverPort);
        });

        kit.RunToEnd();

        Assert.Equal(99, ValueOf(answer!));
        Assert.Contains(observer.Records, d => d.Handoff && d.ThreadId == server);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Receive_NothingArrives_TimesOutInVirtualTime(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 1, kind);
        MachMsgResult? result = null;
        VirtualTime before = default, after = default;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            before = env.Now;
            result = await env.Receive(port, Ms(25));
            after = env.Now;
        });

        kit.RunToEnd();

        Assert.Equal(MachMsgReturn.RcvTimedOut, result!.Return);
        Assert.True(after - before >= Ms(25), $"waited {after - before}");
        Assert.True(after - before < Ms(30), $"waited {after - before}");
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Send_FullQueue_BlocksThenTimesOutWithTheMessageReturned(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var results = new List<MachMsgResult>();
        PortName port = default;
        kit.Start(async env =>
        {
            port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.PortSetQLimit(port, 2);
            for (var i = 0; i < 3; i++) results.Add(await env.Send(Value(port, i, i), Ms(10)));
            results.Add(await env.Send(Value(port, 9, 9), Duration.Zero));
            var status = await env.PortGetReceiveStatus(port);
            Assert.Equal(2, status.MsgCount);
        });

        kit.RunToEnd();

        Assert.Equal([MachMsgReturn.Success, MachMsgReturn.Success, MachMsgReturn.SendTimedOut, MachMsgReturn.SendTimedOut], results.Select(r => r.Return));
        Assert.Equal(port, results[2].Message!.Header.Remote); // pseudo-receive: the destination right came back under its name
        Assert.Equal(2, ValueOf(results[2]));
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Send_FullQueue_BlockedSenderGoesOnWhenTheReceiverDequeues(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var got = new ConcurrentQueue<int>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortSetQLimit(port, 1);
            await StartClient(env, port, async e =>
            {
                for (var i = 0; i < 6; i++) await e.Send(Value(ServerName, 1, i));
                return null;
            });
            await ComputeMs(env, 20); // the client fills the queue and blocks
            var status = await env.PortGetReceiveStatus(port);
            Assert.Equal((1, 1), (status.MsgCount, status.BlockedSenders));
            for (var i = 0; i < 6; i++) got.Enqueue(ValueOf(await env.Receive(port)));
        });

        kit.RunToEnd();

        Assert.Equal([0, 1, 2, 3, 4, 5], got);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void PortDestroy_ReceiveRight_SendRightsBecomeDeadNamesAndNotificationsFire(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        MachMsgResult? deadName = null, noSenders = null;
        PortCallReply? typeAfter = null;
        MachMsgResult? sendAfter = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var notify = await env.MachReplyPort();
            Assert.Equal(KernReturn.Success, (await env.PortRequestNotification(port, NotifyIds.NoSenders, 5, notify)).Result);
            var client = await StartClient(env, port, async e =>
            {
                var clientNotify = await e.MachReplyPort();
                Assert.Equal(KernReturn.Success, (await e.PortRequestNotification(ServerName, NotifyIds.DeadName, 0, clientNotify)).Result);
                await e.Send(Value(ServerName, 1, 1));
                deadName = await e.Receive(clientNotify);
                typeAfter = await e.PortType(ServerName);
                sendAfter = await e.Send(Value(ServerName, 2, 2));
                return null;
            });
            await env.Receive(port);
            Assert.Equal(KernReturn.Success, (await env.PortDestroy(port)).Result);
            noSenders = await env.Receive(notify, Ms(50));
        });

        kit.RunToEnd();

        Assert.Equal(NotifyIds.DeadName, deadName!.Message!.Header.Id);
        Assert.Equal(new MsgItem.Port(ServerName, MsgType.PortNameOnly), deadName.Message.Body[0]);
        Assert.Equal(PortType.DeadName, typeAfter!.Type);
        Assert.Equal(MachMsgReturn.SendInvalidDest, sendAfter!.Return);
        Assert.Equal(NotifyIds.SendOnce, noSenders!.Message!.Header.Id); // the no-senders request came back as a send-once notification
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void PortDeallocate_LastSendRight_NoSendersNotificationCarriesMscount(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        MachMsgResult? note = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var notify = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.PortRequestNotification(port, NotifyIds.NoSenders, 0, notify);
            await env.PortDeallocate(port);
            note = await env.Receive(notify, Ms(50));
        });

        kit.RunToEnd();

        Assert.Equal(NotifyIds.NoSenders, note!.Message!.Header.Id);
        Assert.Equal(new MsgItem.Int32(1), note.Message.Body[0]);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadAbort_BlockedReceive_RcvInterrupted(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        JoinResult? joined = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var waiter = await env.CThreadFork(async e => (await e.Receive(port)).Return, "waiter");
            await UntilWaiting(env, waiter);
            await env.ThreadAbort(waiter);
            joined = await env.CThreadJoin(waiter);
        });

        kit.RunToEnd();

        Assert.Equal(MachMsgReturn.RcvInterrupted, joined!.Value);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadAbort_BlockedSend_SendInterruptedWithTheMessage(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        JoinResult? joined = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.PortSetQLimit(port, 0);
            var sender = await env.CThreadFork(async e => await e.Send(Value(port, 3, 33)), "sender");
            await UntilWaiting(env, sender);
            await env.ThreadAbort(sender);
            joined = await env.CThreadJoin(sender);
        });

        kit.RunToEnd();

        var result = Assert.IsType<MachMsgResult>(joined!.Value);
        Assert.Equal(MachMsgReturn.SendInterrupted, result.Return);
        Assert.Equal(33, ValueOf(result));
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void MachMsg_BadInput_GetsItsCode(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 1, kind);
        var codes = new List<MachMsgReturn>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            var set = (await env.PortAllocate(PortRight.PortSet)).Name;
            codes.Add((await env.Send(Value(new PortName(0xdead00), 1, 1))).Return);
            codes.Add((await env.Send(Value(port, 1, 1, MsgType.MoveReceive))).Return);
            codes.Add((await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1), [new MsgItem.Port(new PortName(0x4444), MsgType.CopySend)]))).Return);
            codes.Add((await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1), [new MsgItem.Bytes(new byte[IpcLimits.MsgSizeMax].ToImmutableArray())]))).Return);
            codes.Add((await env.Receive(new PortName(0x4444))).Return);
            await env.PortMoveMember(port, set);
            codes.Add((await env.Receive(port)).Return);
            await env.Send(Value(port, 1, 1));
            codes.Add((await env.Receive(set, size: 8)).Return);
            var fromSet = await env.Receive(set, Ms(1));
            codes.Add(fromSet.Return);
        });

        kit.RunToEnd();

        Assert.Equal([
            MachMsgReturn.SendInvalidDest, MachMsgReturn.SendInvalidHeader, MachMsgReturn.SendInvalidRight, MachMsgReturn.SendNoBuffer,
            MachMsgReturn.RcvInvalidName, MachMsgReturn.RcvInSet, MachMsgReturn.RcvTooLarge, MachMsgReturn.RcvTimedOut], codes);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Receive_PortSet_GetsMessagesFromEveryMember(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var locals = new List<(PortName Local, int Value)>();
        PortName a = default, b = default;
        kit.Start(async env =>
        {
            a = await env.MachReplyPort();
            b = await env.MachReplyPort();
            var set = (await env.PortAllocate(PortRight.PortSet)).Name;
            await env.PortMoveMember(a, set);
            await env.PortMoveMember(b, set);
            await env.PortInsertRight(a, a, MsgType.MakeSend);
            await env.PortInsertRight(b, b, MsgType.MakeSend);
            await env.Send(Value(a, 1, 1));
            await env.Send(Value(b, 1, 2));
            await env.Send(Value(a, 1, 3));
            for (var i = 0; i < 3; i++)
            {
                var r = await env.Receive(set);
                locals.Add((r.Message!.Header.Local, ValueOf(r)));
            }
        });

        kit.RunToEnd();

        Assert.Equal([(a, 1), (a, 3), (b, 2)], locals.OrderBy(l => l.Value % 2 == 0).ThenBy(l => l.Value));
        Assert.Equal(3, locals.Select(l => l.Value).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Send_BodyRights_ArriveAsNamesInTheReceiver(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        MachMsgResult? viaTransferredRight = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var clientThread = await StartClient(env, port, async e =>
            {
                var mine = await e.MachReplyPort();
                await e.Send(new MachMessage(MsgHeader.To(ServerName, MsgType.CopySend, 1), [new MsgItem.Port(mine, MsgType.MakeSend)]));
                viaTransferredRight = await e.Receive(mine);
                return null;
            });
            var carrying = await env.Receive(port);
            var given = (MsgItem.Port)carrying.Message!.Body[0];
            Assert.Equal(MsgType.PortSend, given.Disposition);
            Assert.Equal(PortType.Send, (await env.PortType(given.Name)).Type);
            await env.Send(Value(given.Name, 2, 77, MsgType.MoveSend));
            Assert.Equal(KernReturn.InvalidName, (await env.PortType(given.Name)).Result);
            await env.CThreadJoin(clientThread);
        });

        kit.RunToEnd();

        Assert.Equal(77, ValueOf(viaTransferredRight!));
    }

    private sealed class DispatchLog : ISchedulerObserver
    {
        public ConcurrentQueue<DispatchRecord> Records { get; } = new();

        public void OnDispatch(DispatchRecord dispatch) => Records.Enqueue(dispatch);
    }
}
