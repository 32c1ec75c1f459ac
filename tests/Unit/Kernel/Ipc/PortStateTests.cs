using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

public sealed class PortStateTests
{
    private static readonly FakeRef ReceiverSpace = new("receiver-space", 901);
    private static readonly FakeRef SenderSpace = new("sender-space", 902);

    private static PortState NewPort(int id = 1) => new(Port(id), ReceiverSpace);

    private static SendWait Sender(long thread = 20, Duration? timeout = null, bool rpc = false, MachMsgOption options = MachMsgOption.Send) =>
        new(Thread(thread), SenderSpace, options, timeout, rpc);

    private static ReceiveWait Receiver(long thread = 30, int maxSize = 1024, Duration? timeout = null, MachMsgOption options = MachMsgOption.Receive) =>
        new(Thread(thread), ReceiverSpace, options, maxSize, timeout);

    private static List<SpaceDeliver> Delivered(IReadOnlyList<IpcEffect> effects) => effects.OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<SpaceDeliver>().ToList();

    [Fact]
    public void Receive_MessagesFromOneSender_ArriveInOrderWithConsecutiveSeqnos()
    {
        var port = NewPort();
        for (var i = 0; i < 4; i++) port.Enqueue(KMsg(Port(1), id: 100 + i), Sender());
        port.TakeEffects();

        var got = new List<KernelMessage>();
        for (var i = 0; i < 4; i++)
        {
            port.Receive(Receiver());
            got.AddRange(Delivered(port.TakeEffects()).Select(d => d.Message));
        }

        Assert.Equal([100, 101, 102, 103], got.Select(m => m.Id));
        Assert.Equal([0L, 1L, 2L, 3L], got.Select(m => m.Seqno));
        Assert.Equal(4, port.Seqno);
    }

    [Fact]
    public void ReceiveMoved_KernelPort_LaterMessagesQueueAndTheArrivingSpaceReceivesThem()
    {
        var kernel = new FakeRef("kernel-object", 903);
        var port = new PortState(Port(1), null, kernel);
        port.Enqueue(KMsg(Port(1), id: 1), null);
        Assert.IsType<KernelPortMessage>(Assert.IsType<IpcEffect.Tell>(Assert.Single(port.TakeEffects())).Message);

        port.ReceiveMoved(); // the kernel object hands the receive right to a task
        port.Enqueue(KMsg(Port(1), id: 2), null);
        Assert.Null(port.KernelObject);
        Assert.DoesNotContain(port.TakeEffects().OfType<IpcEffect.Tell>(), t => t.Message is KernelPortMessage);
        Assert.Equal(1, port.MsgCount);

        port.ReceiveArrived(ReceiverSpace);
        port.Receive(Receiver());
        Assert.Equal([2], Delivered(port.TakeEffects()).Select(d => d.Message.Id));
    }

    [Fact]
    public void Enqueue_FullQueue_BlocksTheSenderUntilADequeue()
    {
        var port = NewPort();
        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1), id: i), Sender());
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), id: 99), Sender(thread: 21));
        var block = Assert.IsType<IpcEffect.Block>(Assert.Single(port.TakeEffects()));
        Assert.Equal(IpcLimits.QLimitDefault, port.MsgCount);

        port.Receive(Receiver());
        var effects = port.TakeEffects();

        var wake = Assert.Single(effects.OfType<IpcEffect.Wake>());
        Assert.Same(block.Channel, wake.Channel);
        Assert.Equal(new MachMsgResult(MachMsgReturn.Success), wake.Result);
        Assert.Equal(IpcLimits.QLimitDefault, port.MsgCount); // one out, the blocked one in
    }

    [Fact]
    public void Enqueue_FullQueueWithTimeout_TimesOutAndReturnsTheMessage()
    {
        var port = NewPort();
        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1)), Sender());
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), id: 7), Sender(timeout: Duration.FromMilliseconds(5)));
        var timer = Assert.Single(port.TakeEffects().OfType<IpcEffect.StartTimer>());
        Assert.Equal(Duration.FromMilliseconds(5), timer.After);
        port.Timeout(timer.Key);

        var returned = Assert.IsType<SpaceSendReturned>(Assert.Single(Tells(port.TakeEffects())).Message);
        Assert.Equal((MachMsgReturn.SendTimedOut, 7), (returned.Code, returned.Message.Id));
        Assert.Equal(0, port.Status().BlockedSenders);
    }

    [Fact]
    public void Enqueue_FullQueueZeroTimeout_FailsAtOnce()
    {
        var port = NewPort();
        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1)), Sender());
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1)), Sender(timeout: Duration.Zero));

        var returned = Assert.IsType<SpaceSendReturned>(Assert.Single(Tells(port.TakeEffects())).Message);
        Assert.Null(returned.Channel);
        Assert.Equal(MachMsgReturn.SendTimedOut, returned.Code);
    }

    [Fact]
    public void Enqueue_FullQueueSendOnceOrKernel_NeverBlocks()
    {
        var port = NewPort();
        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1)), Sender());
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), right: MsgType.PortSendOnce), Sender());
        port.Enqueue(KMsg(Port(1)), null);
        port.Enqueue(KMsg(Port(1)), Sender(options: MachMsgOption.Send | MachMsgOption.SendAlways));

        Assert.Empty(port.TakeEffects().OfType<IpcEffect.Block>());
        Assert.Equal(IpcLimits.QLimitDefault + 3, port.MsgCount);
    }

    [Fact]
    public void SetQLimit_Raised_AdmitsBlockedSendersInOrder()
    {
        var port = NewPort();
        for (var i = 0; i < IpcLimits.QLimitDefault + 2; i++) port.Enqueue(KMsg(Port(1), id: i), Sender(thread: 20 + i));
        port.TakeEffects();

        port.SetQLimit(IpcLimits.QLimitDefault + 1);

        var wake = Assert.Single(port.TakeEffects().OfType<IpcEffect.Wake>());
        Assert.Equal(20 + IpcLimits.QLimitDefault, wake.Reply.CallerThread);
        Assert.Equal(1, port.Status().BlockedSenders);
    }

    [Fact]
    public void Receive_EmptyQueue_BlocksThenTimesOutInVirtualTime()
    {
        var port = NewPort();

        port.Receive(Receiver(timeout: Duration.FromMilliseconds(3)));
        var effects = port.TakeEffects();
        var block = Assert.Single(effects.OfType<IpcEffect.Block>());
        var timer = Assert.Single(effects.OfType<IpcEffect.StartTimer>());
        port.Timeout(timer.Key);

        var wake = Assert.Single(port.TakeEffects().OfType<IpcEffect.Wake>());
        Assert.Same(block.Channel, wake.Channel);
        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvTimedOut), wake.Result);
    }

    [Fact]
    public void Enqueue_RpcToABlockedReceiver_HandsOverWithTheReceiverAsHint()
    {
        var port = NewPort();
        port.Receive(Receiver(thread: 30));
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), id: 5), Sender(thread: 20, rpc: true));

        var deliver = Assert.Single(Delivered(port.TakeEffects()));
        Assert.NotNull(deliver.Channel);
        Assert.Equal(new IpcSendDone(new MachMsgResult(MachMsgReturn.Success), 30), deliver.ThenAnswer!.Result);
        Assert.Equal(0, port.MsgCount);
    }

    [Fact]
    public void Enqueue_ReplyToAClientBlockedInItsRpc_HandsOverWithTheClientAsHint()
    {
        var port = NewPort();
        port.Receive(Receiver(thread: 30, options: MachMsgOption.Send | MachMsgOption.Receive));
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), id: 5), Sender(thread: 20, rpc: true, options: MachMsgOption.Send | MachMsgOption.Receive));

        var deliver = Assert.Single(Delivered(port.TakeEffects()));
        Assert.Equal(new IpcSendDone(new MachMsgResult(MachMsgReturn.Success), 30), deliver.ThenAnswer!.Result);
    }

    [Fact]
    public void Enqueue_RpcToAReceiverWithReceiveLarge_NoHint()
    {
        var port = NewPort();
        port.Receive(Receiver(thread: 30, options: MachMsgOption.Receive | MachMsgOption.ReceiveLarge));
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), id: 5), Sender(thread: 20, rpc: true));

        var deliver = Assert.Single(Delivered(port.TakeEffects()));
        Assert.Equal(new MachMsgResult(MachMsgReturn.Success), deliver.ThenAnswer!.Result);
    }

    [Fact]
    public void Receive_TooLarge_DestroysTheMessageUnlessReceiveLarge()
    {
        var port = NewPort();
        port.Enqueue(KMsg(Port(1), id: 1, reply: CarriedRight.SendOnce(Port(9))), Sender());
        port.TakeEffects();

        port.Receive(Receiver(maxSize: 8, options: MachMsgOption.Receive | MachMsgOption.ReceiveLarge));
        var large = Assert.IsType<MachMsgResult>(Assert.Single(port.TakeEffects().OfType<IpcEffect.Answer>()).Result);
        Assert.Equal((MachMsgReturn.RcvTooLarge, IpcLimits.HeaderSize), (large.Return, large.RequiredSize));
        Assert.Equal(1, port.MsgCount);

        port.Receive(Receiver(maxSize: 8));
        var effects = port.TakeEffects();
        Assert.Equal(MachMsgReturn.RcvTooLarge, Assert.IsType<MachMsgResult>(Assert.Single(effects.OfType<IpcEffect.Answer>()).Result).Return);
        Assert.Equal([(9L, NotifyIds.SendOnce)], Notes(effects)); // the reply right in the destroyed message
        Assert.Equal(0, port.MsgCount);
    }

    [Fact]
    public void RightsChanged_SendRightsFallToZero_FiresNoSendersWithMscount()
    {
        var port = NewPort();
        port.RightsChanged(1, 0, 1);
        port.RightsChanged(1, 0, 1);
        port.RequestNotification(new PortRequestNotification(NotifyIds.NoSenders, 0, CarriedRight.SendOnce(Port(5)), HostCall(), ReceiverSpace));
        port.TakeEffects();

        port.RightsChanged(-1, 0, 0);
        Assert.Empty(Notes(port.TakeEffects()));
        port.RightsChanged(-1, 0, 0);

        var note = Assert.Single(port.TakeEffects().OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<PortEnqueue>()).Message;
        Assert.Equal(NotifyIds.NoSenders, note.Id);
        Assert.Equal(new KernelItem.Data(new MsgItem.Int32(2)), note.Body[0]);
    }

    [Fact]
    public void RequestNotification_NoSendersWithNoSendRights_FiresAtOnce()
    {
        var port = NewPort();

        port.RequestNotification(new PortRequestNotification(NotifyIds.NoSenders, 0, CarriedRight.SendOnce(Port(5)), HostCall(), ReceiverSpace));

        var effects = port.TakeEffects();
        Assert.Equal([(5L, NotifyIds.NoSenders)], Notes(effects));
        Assert.Contains(effects.OfType<IpcEffect.Tell>(), t => t.Message is SpaceRequestDone { Result: MachActors.Kernel.KernReturn.Success });
    }

    [Fact]
    public void Dequeue_LastSendRightUsedAsDestination_FiresNoSenders()
    {
        var port = NewPort();
        port.RightsChanged(1, 0, 1);
        port.RequestNotification(new PortRequestNotification(NotifyIds.NoSenders, 1, CarriedRight.SendOnce(Port(5)), HostCall(), ReceiverSpace));
        port.Enqueue(KMsg(Port(1)), Sender()); // sent with MOVE_SEND of the only send right
        port.TakeEffects();

        port.Receive(Receiver());

        Assert.Equal([(5L, NotifyIds.NoSenders)], Notes(port.TakeEffects()));
        Assert.Equal(0, port.SRights);
    }

    [Fact]
    public void DestroyReceive_LivePort_DiesAndEveryoneIsTold()
    {
        var port = NewPort();
        port.HolderAdded(SenderSpace);
        port.RightsChanged(1, 0, 1);
        port.RequestNotification(new PortRequestNotification(NotifyIds.NoSenders, 5, CarriedRight.SendOnce(Port(5)), HostCall(), ReceiverSpace));
        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1), body: new KernelItem.Rights([CarriedRight.Send(Port(3))], MsgType.PortSend, false, false)), Sender());
        port.Enqueue(KMsg(Port(1)), Sender(thread: 21));
        port.TakeEffects();

        port.DestroyReceive();

        var effects = port.TakeEffects();
        Assert.True(port.Dead);
        Assert.Equal([ReceiverSpace, SenderSpace], effects.OfType<IpcEffect.Tell>().Where(t => t.Message is SpacePortDied).Select(t => t.To));
        Assert.Equal(IpcLimits.QLimitDefault, To(effects, Port(3)).Count(m => m.Equals(new PortRightsChanged(-1, 0, 0))));
        Assert.Equal([(5L, NotifyIds.SendOnce)], Notes(effects)); // the no-senders request comes back as send-once
        Assert.Equal(new MachMsgResult(MachMsgReturn.Success), Assert.Single(effects.OfType<IpcEffect.Wake>()).Result);
        Assert.Equal(0, port.MsgCount);
    }

    [Fact]
    public void DestroyReceive_WithReceiverWaiting_RcvPortDied()
    {
        var port = NewPort();
        port.Receive(Receiver());
        port.TakeEffects();

        port.DestroyReceive();

        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvPortDied), Assert.Single(port.TakeEffects().OfType<IpcEffect.Wake>()).Result);
    }

    [Fact]
    public void DestroyReceive_WithPortDestroyedRequest_SendsTheReceiveRightInsteadOfDying()
    {
        var port = NewPort();
        port.RequestNotification(new PortRequestNotification(NotifyIds.PortDestroyed, 0, CarriedRight.SendOnce(Port(6)), HostCall(), ReceiverSpace));
        port.TakeEffects();

        port.DestroyReceive();

        Assert.False(port.Dead);
        Assert.Null(port.Receiver);
        var note = Assert.Single(port.TakeEffects().OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<PortEnqueue>()).Message;
        Assert.Equal(NotifyIds.PortDestroyed, note.Id);
        Assert.Equal([CarriedRight.Receive(Port(1))], note.CarriedRights());
    }

    [Fact]
    public void Enqueue_DeadPort_DestroysTheMessageAndAnswersSuccess()
    {
        var port = NewPort();
        port.DestroyReceive();
        port.TakeEffects();

        port.Enqueue(KMsg(Port(1), reply: CarriedRight.Send(Port(4))), Sender());
        port.HolderAdded(SenderSpace);

        var effects = port.TakeEffects();
        Assert.Equal(new MachMsgResult(MachMsgReturn.Success), Assert.Single(effects.OfType<IpcEffect.Answer>()).Result);
        Assert.Equal([new PortRightsChanged(-1, 0, 0)], To(effects, Port(4)));
        Assert.Contains(effects.OfType<IpcEffect.Tell>(), t => t.To.Equals(SenderSpace) && t.Message is SpacePortDied);
    }

    [Fact]
    public void ReceiveMoved_ReceiverWaiting_RcvPortDiedAndLaterReceivesFail()
    {
        var port = NewPort();
        port.Receive(Receiver());
        port.TakeEffects();

        port.ReceiveMoved();
        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvPortDied), Assert.Single(port.TakeEffects().OfType<IpcEffect.Wake>()).Result);
        port.Receive(Receiver());

        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvPortDied), Assert.Single(port.TakeEffects().OfType<IpcEffect.Answer>()).Result);
    }

    [Fact]
    public void ReceiveArrived_ResetsMscountAndSeqno()
    {
        var port = NewPort();
        port.RightsChanged(1, 0, 1);
        port.Enqueue(KMsg(Port(1)), Sender());
        port.Receive(Receiver());
        port.ReceiveMoved();

        port.ReceiveArrived(SenderSpace);

        Assert.Equal((0, 0L), (port.MsCount, port.Seqno));
        Assert.Same(SenderSpace, port.Receiver);
    }

    [Fact]
    public void CancelWait_AbortedSenderAndReceiver_GetInterrupted()
    {
        var port = NewPort();
        port.Receive(Receiver());
        var receiveBlock = Assert.Single(port.TakeEffects().OfType<IpcEffect.Block>());
        port.CancelWait(receiveBlock.Channel, wakeAborted: true);
        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvInterrupted), Assert.Single(port.TakeEffects().OfType<IpcEffect.Wake>()).Result);

        for (var i = 0; i < IpcLimits.QLimitDefault; i++) port.Enqueue(KMsg(Port(1)), Sender());
        port.Enqueue(KMsg(Port(1), id: 77), Sender());
        var sendBlock = Assert.Single(port.TakeEffects().OfType<IpcEffect.Block>());
        port.CancelWait(sendBlock.Channel, wakeAborted: true);

        var returned = Assert.IsType<SpaceSendReturned>(Assert.Single(Tells(port.TakeEffects())).Message);
        Assert.Equal((MachMsgReturn.SendInterrupted, 77), (returned.Code, returned.Message.Id));
    }

    [Fact]
    public void MoveMember_InASet_AnnouncesMessagesAndServesSetDequeues()
    {
        var port = NewPort();
        port.Enqueue(KMsg(Port(1), id: 1), Sender());
        port.TakeEffects();

        port.MoveMember(Port(50));
        Assert.Equal([new SetMemberJoined(Port(1), 1)], To(port.TakeEffects(), Port(50)));
        port.Enqueue(KMsg(Port(1), id: 2), Sender());
        Assert.Contains(new SetMemberEnqueued(Port(1)), To(port.TakeEffects(), Port(50)));

        port.SetDequeue(new PortSetDequeue(Receiver(), null, Port(50), null));
        Assert.Equal(1, Assert.Single(Delivered(port.TakeEffects())).Message.Id);
        port.MoveMember(null);
        port.SetDequeue(new PortSetDequeue(Receiver(), null, Port(50), null));

        var effects = port.TakeEffects();
        Assert.Contains(new SetMemberLeft(Port(1)), To(effects, Port(50)));
        Assert.Contains(To(effects, Port(50)), m => m is SetDequeueMiss);
    }
}
