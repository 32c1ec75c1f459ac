using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using MachActors.Tests.Unit.Kernel;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Mig;

/// <summary>
/// mach_msg_destroy of rejected replies: a generated stub destroys a reply it does not return (wrong id,
/// wrong shape), and ExceptionServerOnce destroys a message that is not exception_raise, so the rights
/// they carried are released (srights back to their value, no-senders fires).
/// </summary>
public sealed class MigRejectedReplyTests
{
    private static readonly PortName Target = new(0x1103);

    private static MachMsgResult Reply(int id, params MsgItem[] items) =>
        new(MachMsgReturn.Success, new MachMessage(new MsgHeader(PortName.Null, MsgType.None, LoopbackTransport.ReplyPort, MsgType.PortSendOnce, id), [.. items]));

    [Fact]
    public async Task FailAsync_ReplyMismatch_DestroysTheReply()
    {
        var transport = new LoopbackTransport { Script = _ => Reply(602, new MsgItem.Int32(0), new MsgItem.Port(new PortName(0x77), MsgType.PortSend)) };

        var (code, _) = await new TestKindsClient(transport).FailAsync(Target, KernReturn.Success);

        Assert.Equal((KernReturn)MigReturn.ReplyMismatch, code);
        Assert.Equal(602, Assert.Single(transport.Destroyed).Header.Id);
    }

    [Fact]
    public async Task FailAsync_WrongOutType_DestroysTheReply()
    {
        var transport = new LoopbackTransport { Script = _ => Reply(601, new MsgItem.Int32(0), new MsgItem.Port(new PortName(0x77), MsgType.PortSend)) };

        var (code, _) = await new TestKindsClient(transport).FailAsync(Target, KernReturn.Success);

        Assert.Equal((KernReturn)MigReturn.TypeError, code);
        Assert.Single(transport.Destroyed);
    }

    [Fact]
    public async Task FailAsync_AcceptedReplyOrFailedTransport_DestroysNothing()
    {
        var accepted = new LoopbackTransport { Script = _ => Reply(601, new MsgItem.Int32(0), new MsgItem.Int32(5)) };
        var failed = new LoopbackTransport { Script = _ => new MachMsgResult(MachMsgReturn.SendInvalidDest) };

        Assert.Equal((KernReturn.Success, 5), await new TestKindsClient(accepted).FailAsync(Target, KernReturn.Success));
        Assert.Equal((KernReturn)MachMsgReturn.SendInvalidDest, (await new TestKindsClient(failed).FailAsync(Target, KernReturn.Success)).RetCode);
        Assert.Empty(accepted.Destroyed);
        Assert.Empty(failed.Destroyed);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Stub_ServerRepliesWithTheWrongIdAndASendRight_ReplyMismatchAndTheRightIsReleased(DispatcherKind kind) =>
        AssertRejectedReplyReleasesItsRight(kind, replyId: 777, MigReturn.ReplyMismatch);

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Stub_ServerRepliesWithASendRightForAnInteger_TypeErrorAndTheRightIsReleased(DispatcherKind kind) =>
        AssertRejectedReplyReleasesItsRight(kind, replyId: 601, MigReturn.TypeError);

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ExceptionServerOnce_MessageIsNotExceptionRaise_BadIdReplyAndItsRightsAreReleased(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = kit.Log;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            var (gift, notify) = await Watched(env);
            var reply = await env.MachReplyPort();
            var request = new MachMessage(new MsgHeader(port, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1234), [new MsgItem.Port(gift, MsgType.MakeSend)]);
            log.Enqueue($"send {(await env.Send(request)).Return}");
            var handled = false;
            log.Enqueue($"serve {await env.ExceptionServerOnce(port, _ => { handled = true; return Task.FromResult(KernReturn.Success); })}");
            log.Enqueue($"handled {handled}");
            var answer = await env.Receive(reply, Duration.Zero);
            log.Enqueue($"reply {answer.Message?.Header.Id} {((MsgItem.Int32)answer.Message!.Body[0]).Value}");
            await LogReleased(env, gift, notify, log);
        });

        kit.RunToEnd();

        Assert.Equal(["send Success", "serve Success", "handled False", $"reply 1334 {(int)MigReturn.BadId}", "srights 0", "no-senders 70 mscount 1"], kit.Log);
        kit.AssertNoActorFailures();
    }

    /// <summary>
    /// A server task answers a client task's generated-stub RPC with <paramref name="replyId"/> and a send
    /// right made from a port it watches; the stub must return <paramref name="expected"/> and destroy the
    /// reply, so the port's srights fall back to 0 and its no-senders notification (mscount 1) arrives.
    /// </summary>
    private static void AssertRejectedReplyReleasesItsRight(DispatcherKind kind, int replyId, MigReturn expected)
    {
        using var kit = new MachineKit(2, kind);
        var log = kit.Log;
        kit.Start(async env =>
        {
            var ns = await env.NameServer();
            var service = await env.MachReplyPort();
            Assert.Equal(NetnameReturn.Success, await env.NetnameCheckIn(ns, "rejects", PortName.Null, service));
            var (gift, notify) = await Watched(env);
            log.Enqueue($"srights before {(await env.PortGetReceiveStatus(gift)).SRights}");
            var (created, child) = await env.TaskCreate(env.TaskSelf, "client");
            Assert.Equal(KernReturn.Success, created);
            var (made, client) = await env.ThreadCreate(child, async e =>
            {
                var (found, port) = await e.NetnameLookUp(await e.NameServer(), "rejects");
                Assert.Equal(NetnameReturn.Success, found);
                var (code, value) = await new TestKindsClient(e).FailAsync(port, KernReturn.Success);
                log.Enqueue($"stub {(int)code} {value}");
                return null;
            }, "client");
            Assert.Equal(KernReturn.Success, made);
            Assert.Equal(KernReturn.Success, await env.ThreadResume(client));
            var request = await env.Receive(service);
            var reply = new MachMessage(MsgHeader.To(request.Message!.Header.Remote, MsgType.MoveSendOnce, replyId),
                [new MsgItem.Int32(0), new MsgItem.Port(gift, MsgType.MakeSend)]);
            log.Enqueue($"reply {(await env.Send(reply)).Return}");
            Assert.Equal(KernReturn.Success, (await env.CThreadJoin(client)).Result);
            await LogReleased(env, gift, notify, log);
        });

        kit.RunToEnd();

        Assert.Equal(["srights before 0", "reply Success", $"stub {(int)expected} 0", "srights 0", "no-senders 70 mscount 1"], kit.Log);
        kit.AssertNoActorFailures();
    }

    /// <summary>A port to give send rights from, with a no-senders request (sync 1) whose notifications arrive on a second port.</summary>
    private static async Task<(PortName Gift, PortName Notify)> Watched(MachEnv env)
    {
        var gift = await env.MachReplyPort();
        var notify = await env.MachReplyPort();
        Assert.Equal(KernReturn.Success, (await env.PortRequestNotification(gift, NotifyIds.NoSenders, 1, notify)).Result);
        return (gift, notify);
    }

    /// <summary>Logs <paramref name="gift"/>'s srights and the no-senders notification that proves a send right to it existed and was released.</summary>
    private static async Task LogReleased(MachEnv env, PortName gift, PortName notify, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        log.Enqueue($"srights {(await env.PortGetReceiveStatus(gift)).SRights}");
        var note = await env.Receive(notify, Duration.FromMilliseconds(100));
        log.Enqueue(note.Message is { } m ? $"no-senders {m.Header.Id} mscount {((MsgItem.Int32)m.Body[0]).Value}" : $"no notification: {note.Return}");
    }
}
