using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>mach_msg's notify argument on whole machines: SEND_NOTIFY, RCV_NOTIFY, SEND_CANCEL.</summary>
public sealed partial class MachMsgTests
{
    private static MachMessage Empty(PortName to, int id, MsgType disposition = MsgType.CopySend) => new(MsgHeader.To(to, disposition, id), []);

    private static PortName NamedIn(MachMsgResult r) => ((MsgItem.Port)r.Message!.Body[0]).Name;

    private static async Task<PortName> PortWithSend(MachEnv env)
    {
        var port = await env.MachReplyPort();
        Assert.Equal(KernReturn.Success, (await env.PortInsertRight(port, port, MsgType.MakeSend)).Result);
        return port;
    }

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void MachMsg_SendNotifyOnFullQueue_WillNotifyThenInProgressThenMsgAccepted(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        var codes = new List<MachMsgReturn>();
        MachMsgResult? accepted = null, early = null;
        PortName port = default;
        kit.Start(async env =>
        {
            port = await PortWithSend(env);
            var notify = await env.MachReplyPort();
            Assert.Equal(KernReturn.Success, (await env.PortSetQLimit(port, 1)).Result);
            var forced = MachMsgOption.Send | MachMsgOption.SendNotify;
            codes.Add((await env.Send(Empty(port, 1))).Return);
            codes.Add((await env.MachMsg(Empty(port, 2), forced, notify: notify)).Return);
            var again = await env.MachMsg(Empty(port, 3), forced, notify: notify);
            codes.Add(again.Return);
            Assert.Equal(port, again.Message!.Header.Remote); // pseudo-receive: the destination right came back
            codes.Add((await env.MachMsg(Empty(port, 4), forced, notify: PortName.Null)).Return);
            early = await env.Receive(notify, Duration.Zero);
            codes.Add((await env.Receive(port)).Return);
            codes.Add((await env.Receive(port)).Return);
            accepted = await env.Receive(notify, Duration.Zero);
        });

        kit.RunToEnd();

        Assert.Equal([MachMsgReturn.Success, MachMsgReturn.SendWillNotify, MachMsgReturn.SendNotifyInProgress, MachMsgReturn.SendInvalidNotify,
            MachMsgReturn.Success, MachMsgReturn.Success], codes);
        Assert.Equal(MachMsgReturn.RcvTimedOut, early!.Return);
        Assert.Equal(MachMsgReturn.Success, accepted!.Return);
        Assert.Equal(NotifyIds.MsgAccepted, accepted.Message!.Header.Id);
        Assert.Equal(port, NamedIn(accepted));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void MachMsg_SendNotifyPortDiesFirst_SendOnceNotificationArrives(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        MachMsgResult? note = null;
        kit.Start(async env =>
        {
            var port = await PortWithSend(env);
            var notify = await env.MachReplyPort();
            Assert.Equal(KernReturn.Success, (await env.PortSetQLimit(port, 0)).Result);
            Assert.Equal(MachMsgReturn.SendWillNotify, (await env.MachMsg(Empty(port, 2), MachMsgOption.Send | MachMsgOption.SendNotify, notify: notify)).Return);
            Assert.Equal(KernReturn.Success, (await env.PortModRefs(port, PortRight.Receive, -1)).Result);
            note = await env.Receive(notify, Duration.FromMilliseconds(10));
        });

        kit.RunToEnd();

        Assert.Equal(MachMsgReturn.Success, note!.Return);
        Assert.Equal(NotifyIds.SendOnce, note.Message!.Header.Id);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void MachMsg_ReceiveNotify_ReplyRightGetsADeadNameRequestAndBadNotifyDestroysTheMessage(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        MachMsgResult? bad = null, deadName = null, leftover = null;
        PortName replyName = default;
        kit.Start(async env =>
        {
            var port = await PortWithSend(env);
            var server = await env.MachReplyPort();
            var notify = await env.MachReplyPort();
            var receiveNotify = MachMsgOption.Receive | MachMsgOption.ReceiveNotify;
            var request = new MachMessage(new MsgHeader(port, MsgType.CopySend, server, MsgType.MakeSendOnce, 5), []);
            Assert.Equal(MachMsgReturn.Success, (await env.Send(request)).Return);
            Assert.Equal(MachMsgReturn.Success, (await env.Send(request)).Return);
            bad = await env.MachMsg(null, receiveNotify, receiveName: port, notify: port with { Value = 0x4242 });
            var good = await env.MachMsg(null, receiveNotify, receiveName: port, notify: notify);
            replyName = good.Message!.Header.Remote;
            Assert.Equal(PortType.SendOnce | PortType.DeadNameRequest, (await env.PortType(replyName)).Type);
            leftover = await env.Receive(server, Duration.Zero); // the bad receive's reply right: its send-once notification
            Assert.Equal(KernReturn.Success, (await env.PortDestroy(server)).Result);
            deadName = await env.Receive(notify, Duration.FromMilliseconds(10));
        });

        kit.RunToEnd();

        Assert.Equal(MachMsgReturn.RcvInvalidNotify, bad!.Return);
        Assert.Equal(NotifyIds.SendOnce, leftover!.Message!.Header.Id);
        Assert.Equal(NotifyIds.DeadName, deadName!.Message!.Header.Id);
        Assert.Equal(replyName, NamedIn(deadName));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(DispatchersAndCpus))]
    public void MachMsg_SendCancel_DeadNameRequestOfTheMovedRightGoesQuietly(DispatcherKind kind, int cpus)
    {
        using var kit = new MachineKit(cpus, kind);
        MachMsgResult? cancelled = null, deleted = null;
        var codes = new List<MachMsgReturn>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var notify = await env.MachReplyPort();
            PortName first = new(0x9903), second = new(0x9a03);
            foreach (var name in new[] { first, second })
            {
                Assert.Equal(KernReturn.Success, (await env.PortInsertRight(name, port, MsgType.MakeSendOnce)).Result);
                Assert.Equal(KernReturn.Success, (await env.PortRequestNotification(name, NotifyIds.DeadName, 0, notify)).Result);
            }
            codes.Add((await env.MachMsg(Empty(first, 1, MsgType.MoveSendOnce), MachMsgOption.Send | MachMsgOption.SendCancel, notify: PortName.Null)).Return);
            codes.Add((await env.MachMsg(Empty(first, 1, MsgType.MoveSendOnce), MachMsgOption.Send | MachMsgOption.SendCancel, notify: notify)).Return);
            cancelled = await env.Receive(notify, Duration.Zero);
            codes.Add((await env.Send(Empty(second, 2, MsgType.MoveSendOnce))).Return);
            deleted = await env.Receive(notify, Duration.Zero);
        });

        kit.RunToEnd();

        Assert.Equal([MachMsgReturn.SendInvalidNotify, MachMsgReturn.Success, MachMsgReturn.Success], codes);
        Assert.Equal(MachMsgReturn.RcvTimedOut, cancelled!.Return);
        Assert.Equal(NotifyIds.PortDeleted, deleted!.Message!.Header.Id);
        Assert.Equal(new PortName(0x9a03), NamedIn(deleted));
        kit.AssertNoActorFailures();
    }
}
