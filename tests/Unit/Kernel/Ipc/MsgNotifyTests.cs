using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>mach_msg's notify argument on the plain classes: SEND_NOTIFY at the port, SEND_CANCEL and RCV_NOTIFY in the space.</summary>
public sealed class MsgNotifyTests
{
    private static readonly FakeRef ReceiverSpace = new("receiver-space", 911);
    private static readonly FakeRef SenderSpace = new("sender-space", 912);

    private static SendWait Forcing(int notifyPort = 60, long thread = 20) =>
        new(Thread(thread), SenderSpace, MachMsgOption.Send | MachMsgOption.SendNotify, null, false, CarriedRight.SendOnce(Port(notifyPort)));

    private static PortState FullPort(int qlimit = 1)
    {
        var port = new PortState(Port(50), ReceiverSpace);
        port.SetQLimit(qlimit);
        for (var i = 0; i < qlimit; i++) port.Enqueue(KMsg(Port(50), id: i), new SendWait(Thread(), SenderSpace, MachMsgOption.Send, null, false));
        port.TakeEffects();
        return port;
    }

    private static ReceiveWait Receiver() => new(Thread(30), ReceiverSpace, MachMsgOption.Receive, 1024, null);

    [Fact]
    public void Enqueue_SendNotifyOnFullQueue_QueuesPastTheLimitWithSendWillNotify()
    {
        var port = FullPort();

        port.Enqueue(KMsg(Port(50), id: 7), Forcing());
        var effects = port.TakeEffects();

        var answer = Assert.Single(effects.OfType<IpcEffect.Answer>());
        Assert.Equal(new MachMsgResult(MachMsgReturn.SendWillNotify), answer.Result);
        Assert.Equal(2, port.MsgCount);
        Assert.Equal(0, port.BlockedSenderCount);
        Assert.Empty(To(effects, Port(60))); // the notify right is kept for the msg-accepted notification
    }

    [Fact]
    public void Enqueue_SecondSendNotifyWhileQueued_ReturnsInProgressAndReleasesItsRightQuietly()
    {
        var port = FullPort();
        port.Enqueue(KMsg(Port(50), id: 7), Forcing());
        port.TakeEffects();

        port.Enqueue(KMsg(Port(50), id: 8), Forcing(notifyPort: 61));
        var effects = port.TakeEffects();

        var returned = Assert.IsType<SpaceSendReturned>(Assert.Single(To(effects, new PortRef(912, SenderSpace))));
        Assert.Equal(MachMsgReturn.SendNotifyInProgress, returned.Code);
        Assert.Equal(8, returned.Message.Id);
        Assert.Equal([new PortRightsChanged(0, -1, 0)], To(effects, Port(61)));
        Assert.Empty(Notes(effects));
        Assert.Equal(2, port.MsgCount);
    }

    [Fact]
    public void Receive_ForcedMessageDequeued_TellsTheSenderSpaceToSendMsgAccepted()
    {
        var port = FullPort();
        port.Enqueue(KMsg(Port(50), id: 7), Forcing());
        port.TakeEffects();

        port.Receive(Receiver());
        Assert.Empty(To(port.TakeEffects(), new PortRef(912, SenderSpace))); // the first message: not the forced one
        port.Receive(Receiver());
        var effects = port.TakeEffects();

        var accepted = Assert.IsType<SpaceMsgAccepted>(Assert.Single(To(effects, new PortRef(912, SenderSpace))));
        Assert.Equal(Port(50), accepted.Port);
        Assert.Equal(CarriedRight.SendOnce(Port(60)), accepted.Notify);
        var delivered = effects.OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<SpaceDeliver>().Single();
        Assert.Null(delivered.Message.Accept);
        Assert.Empty(delivered.Message.CarriedRights());

        port.Enqueue(KMsg(Port(50), id: 9), Forcing()); // the queue has room now: plain Success, the right released quietly
        effects = port.TakeEffects();
        Assert.Equal(new MachMsgResult(MachMsgReturn.Success), Assert.Single(effects.OfType<IpcEffect.Answer>()).Result);
        Assert.Equal([new PortRightsChanged(0, -1, 0)], To(effects, Port(60)));
    }

    [Fact]
    public void DestroyReceive_ForcedMessageQueued_SendOnceNotificationInsteadOfMsgAccepted()
    {
        var port = FullPort();
        port.Enqueue(KMsg(Port(50), id: 7), Forcing());
        port.TakeEffects();

        port.DestroyReceive();
        var effects = port.TakeEffects();

        Assert.Equal([(60L, NotifyIds.SendOnce)], Notes(effects));
        Assert.DoesNotContain(effects.OfType<IpcEffect.Tell>(), t => t.Message is SpaceMsgAccepted);
    }

    [Fact]
    public void Receive_ForcedMessageTooLarge_DestroyedWithSendOnceNotificationAndTheSpaceMayForceAgain()
    {
        var port = FullPort();
        port.Enqueue(KMsg(Port(50), id: 7, body: [new KernelItem.Data(new MsgItem.Int32(1))]), Forcing());
        port.Receive(Receiver());
        port.TakeEffects();

        port.Receive(new ReceiveWait(Thread(30), ReceiverSpace, MachMsgOption.Receive, 1, null));
        var effects = port.TakeEffects();
        Assert.Equal([(60L, NotifyIds.SendOnce)], Notes(effects));

        port.Enqueue(KMsg(Port(50), id: 10), new SendWait(Thread(), SenderSpace, MachMsgOption.Send, null, false));
        port.Enqueue(KMsg(Port(50), id: 11), Forcing());
        Assert.Contains(new MachMsgResult(MachMsgReturn.SendWillNotify), port.TakeEffects().OfType<IpcEffect.Answer>().Select(a => a.Result));
    }

    [Fact]
    public void MsgAccepted_SpaceHoldsTheSendRight_NotificationNamesIt()
    {
        var space = Space(913);
        var name = SendRight(space, 50);

        space.MsgAccepted(Port(50), CarriedRight.SendOnce(Port(60)));
        space.MsgAccepted(Port(51), CarriedRight.SendOnce(Port(60)));
        var sent = Tells(space.TakeEffects()).Select(t => t.Message).OfType<PortEnqueue>().Select(e => e.Message).ToList();

        Assert.All(sent, m => Assert.Equal(NotifyIds.MsgAccepted, m.Id));
        Assert.Equal([name, PortName.Null], sent.Select(m => ((MsgItem.Port)((KernelItem.Data)m.Body[0]).Item).Name));
    }

    [Theory]
    [InlineData(MachMsgOption.SendNotify)]
    [InlineData(MachMsgOption.SendCancel)]
    public void CopyinSend_BadNotify_SendInvalidNotifyAndNothingDone(MachMsgOption option)
    {
        var space = Space(914);
        var dest = SendRight(space, 50);
        var notSendOnly = Receive(space, 52);
        foreach (var bad in new[] { PortName.Null, PortName.Dead, new PortName(0x7777), dest })
        {
            var code = space.CopyinSend(Msg(dest, MsgType.MoveSend), MachMsgOption.Send | option, bad, out var message, out var right);
            Assert.Equal(MachMsgReturn.SendInvalidNotify, code);
            Assert.Null(message);
            Assert.Equal(CarriedRight.Null, right);
        }
        Assert.Empty(space.TakeEffects());
        Assert.Equal(KernReturn.Success, space.GetRefs(dest, PortRight.Send, out var refs));
        Assert.Equal(1, refs);
        Assert.NotEqual(PortName.Null, notSendOnly);
    }

    [Fact]
    public void CopyinSend_SendNotify_MakesASendOnceRightFromTheNotifyPort()
    {
        var space = Space(915);
        var dest = SendRight(space, 50);
        var notify = Receive(space, 60);

        var code = space.CopyinSend(Msg(dest, MsgType.CopySend), MachMsgOption.Send | MachMsgOption.SendNotify, notify, out var message, out var right);

        Assert.Equal(MachMsgReturn.Success, code);
        Assert.NotNull(message);
        Assert.Equal(CarriedRight.SendOnce(Port(60)), right);
        Assert.Equal([new PortRightsChanged(0, 1, 0)], To(space.TakeEffects(), Port(60)));
    }

    [Fact]
    public void CopyinSend_SendCancelMovesLastUrefWithRequestOnNotify_RequestGoesQuietly()
    {
        var space = Space(916);
        var dest = SendRight(space, 50);
        var other = SendRight(space, 51);
        var notify = Receive(space, 60);
        Assert.Equal(KernReturn.Success, space.RequestNotification(dest, NotifyIds.DeadName, 0, notify, MsgType.MakeSendOnce, Thread(), out _));
        Assert.Equal(KernReturn.Success, space.RequestNotification(other, NotifyIds.DeadName, 0, notify, MsgType.MakeSendOnce, Thread(), out _));
        space.TakeEffects();

        Assert.Equal(MachMsgReturn.Success, space.CopyinSend(Msg(dest, MsgType.MoveSend), MachMsgOption.Send | MachMsgOption.SendCancel, notify, out _, out _));
        var cancelled = space.TakeEffects();
        Assert.Empty(Notes(cancelled));
        Assert.Equal([new PortRightsChanged(0, -1, 0)], To(cancelled, Port(60)));

        Assert.Equal(MachMsgReturn.Success, space.CopyinSend(Msg(other, MsgType.MoveSend), MachMsgOption.Send, PortName.Null, out _, out _));
        Assert.Equal([(60L, NotifyIds.PortDeleted)], Notes(space.TakeEffects())); // without SEND_CANCEL: port-deleted
    }

    [Fact]
    public void CopyinSend_SendCancelWithRequestOnAnotherPort_PortDeletedStillSent()
    {
        var space = Space(917);
        var dest = SendRight(space, 50);
        var notify = Receive(space, 60);
        var elsewhere = Receive(space, 61);
        Assert.Equal(KernReturn.Success, space.RequestNotification(dest, NotifyIds.DeadName, 0, elsewhere, MsgType.MakeSendOnce, Thread(), out _));
        space.TakeEffects();

        Assert.Equal(MachMsgReturn.Success, space.CopyinSend(Msg(dest, MsgType.MoveSend), MachMsgOption.Send | MachMsgOption.SendCancel, notify, out _, out _));

        Assert.Equal([(61L, NotifyIds.PortDeleted)], Notes(space.TakeEffects()));
    }

    [Fact]
    public void CopyoutReceived_ReceiveNotifyNewReplyName_RegistersADeadNameRequest()
    {
        var space = Space(918);
        var notify = Receive(space, 60);
        var existing = SendRight(space, 71);

        var fresh = space.CopyoutReceived(KMsg(Port(50), reply: CarriedRight.SendOnce(Port(70))), MachMsgOption.Receive | MachMsgOption.ReceiveNotify, notify, out var code)!;
        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal([new PortRightsChanged(0, 1, 0)], To(space.TakeEffects(), Port(60)));
        Assert.Equal(KernReturn.Success, space.Type(fresh.Header.Remote, out var type));
        Assert.True(type.HasFlag(PortType.DeadNameRequest));

        var merged = space.CopyoutReceived(KMsg(Port(50), reply: CarriedRight.Send(Port(71))), MachMsgOption.Receive | MachMsgOption.ReceiveNotify, notify, out code)!;
        Assert.Equal(existing, merged.Header.Remote); // no new name: no request
        Assert.Empty(To(space.TakeEffects(), Port(60)));
        Assert.Equal(KernReturn.Success, space.Type(existing, out type));
        Assert.False(type.HasFlag(PortType.DeadNameRequest));
    }

    [Fact]
    public void CopyoutReceived_BadNotify_MessageDestroyedWithRcvInvalidNotify()
    {
        var space = Space(919);
        var sendOnly = SendRight(space, 61);

        var got = space.CopyoutReceived(KMsg(Port(50), reply: CarriedRight.SendOnce(Port(70))), MachMsgOption.Receive | MachMsgOption.ReceiveNotify, sendOnly, out var code);

        Assert.Null(got);
        Assert.Equal(MachMsgReturn.RcvInvalidNotify, code);
        Assert.Equal([(70L, NotifyIds.SendOnce)], Notes(space.TakeEffects())); // the reply right was released
        Assert.Equal(1, space.Count);
    }
}
