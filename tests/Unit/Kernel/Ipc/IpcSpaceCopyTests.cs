using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

public sealed class IpcSpaceCopyTests
{
    [Fact]
    public void Copyin_MakeSendDestination_CountsAMadeSendRightBeforeTheMessage()
    {
        var space = Space();
        var name = Receive(space, 1);

        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(name, MsgType.MakeSend), out var message));

        Assert.Equal(Port(1), message!.Destination);
        Assert.Equal(MsgType.PortSend, message.DestinationRight);
        Assert.Equal([new PortRightsChanged(1, 0, 1)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void FoldRightsFor_CopySendDestinationAndMakeSendOnceReply_TakesOnlyTheDestinationsChange()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        var reply = Receive(space, 2);
        space.TakeEffects();
        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(dest, MsgType.CopySend, local: reply, localDisposition: MsgType.MakeSendOnce), out var message));

        var folded = space.FoldRightsFor(message!.Destination);

        Assert.Equal(new PortRightsChanged(1, 0, 0), folded);
        var effects = space.TakeEffects();
        Assert.Empty(To(effects, Port(1)));
        Assert.Equal([new PortRightsChanged(0, 1, 0)], To(effects, Port(2)));
    }

    [Fact]
    public void FoldRightsFor_DestinationCopiedTwice_SumsTheChanges()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        Assert.Equal(KernReturn.Success, space.ModRefs(dest, PortRight.Send, 1));
        space.TakeEffects();
        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(dest, MsgType.CopySend, body: [new MsgItem.Port(dest, MsgType.CopySend)]), out var message));

        Assert.Equal(new PortRightsChanged(2, 0, 0), space.FoldRightsFor(message!.Destination));
        Assert.Empty(To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void FoldRightsFor_AnotherKindOfMessageForTheDestination_TakesNothing()
    {
        var space = Space();
        var own = Receive(space, 1);
        space.TakeEffects();
        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(own, MsgType.MakeSend, body: [new MsgItem.Port(own, MsgType.MoveReceive)]), out var message));

        Assert.Null(space.FoldRightsFor(message!.Destination));
        Assert.Contains(PortReceiveMoved.Instance, To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void Copyin_MoveSendOfTheLastUref_FreesTheNameWithoutAccounting()
    {
        var space = Space();
        var name = SendRight(space, 1);

        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(name, MsgType.MoveSend), out _));

        Assert.Empty(To(space.TakeEffects(), Port(1))); // registration is sticky: nothing to tell the port
        Assert.Equal(KernReturn.InvalidName, space.Type(name, out _));
    }

    [Fact]
    public void Copyin_MoveSendLeavingUrefs_CountsOneMoreSendRight()
    {
        var space = Space();
        var name = SendRight(space, 1);
        space.ModRefs(name, PortRight.Send, 1);

        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(name, MsgType.MoveSend), out _));

        Assert.Equal([new PortRightsChanged(1, 0, 0)], To(space.TakeEffects(), Port(1)));
        space.GetRefs(name, PortRight.Send, out var urefs);
        Assert.Equal(1, urefs);
    }

    [Fact]
    public void Copyin_MoveSendAndCopySendOfOneUref_SucceedsAtomically()
    {
        var space = Space();
        var name = SendRight(space, 1);

        var result = space.Copyin(Msg(name, MsgType.MoveSend, local: name, localDisposition: MsgType.CopySend), out var message);

        Assert.Equal(MachMsgReturn.Success, result);
        Assert.Equal(CarriedRight.Send(Port(1)), message!.Reply);
        Assert.Equal(KernReturn.InvalidName, space.Type(name, out _));
    }

    [Fact]
    public void Copyin_TwoMoveSendsOfOneUref_InvalidReplyAndNothingChanged()
    {
        var space = Space();
        var name = SendRight(space, 1);

        var result = space.Copyin(Msg(name, MsgType.MoveSend, local: name, localDisposition: MsgType.MoveSend), out var message);

        Assert.Equal(MachMsgReturn.SendInvalidReply, result);
        Assert.Null(message);
        Assert.Empty(space.TakeEffects());
        space.GetRefs(name, PortRight.Send, out var urefs);
        Assert.Equal(1, urefs);
    }

    [Fact]
    public void Copyin_BadDestinations_SendInvalidDest()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var send = SendRight(space, 2);
        space.Allocate(PortRight.DeadName, null, out var dead);

        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(new PortName(0x4321), MsgType.CopySend), out _));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(PortName.Null, MsgType.CopySend), out _));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(dead, MsgType.MoveSend), out _));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(receive, MsgType.CopySend), out _));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(send, MsgType.MakeSend), out _));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(send, MsgType.MoveSendOnce), out _));
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Copyin_BadHeaderDispositions_SendInvalidHeader()
    {
        var space = Space();
        var receive = Receive(space, 1);

        Assert.Equal(MachMsgReturn.SendInvalidHeader, space.Copyin(Msg(receive, MsgType.MoveReceive), out _));
        Assert.Equal(MachMsgReturn.SendInvalidHeader, space.Copyin(Msg(receive, (MsgType)3), out _));
        Assert.Equal(MachMsgReturn.SendInvalidHeader, space.Copyin(Msg(receive, MsgType.MakeSend, local: receive, localDisposition: MsgType.MoveReceive), out _));
        Assert.Equal(MachMsgReturn.SendInvalidHeader, space.Copyin(Msg(receive, MsgType.MakeSend, local: receive, localDisposition: MsgType.None), out _));
    }

    [Fact]
    public void Copyin_BadReply_SendInvalidReply()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var send = SendRight(space, 2);

        Assert.Equal(MachMsgReturn.SendInvalidReply, space.Copyin(Msg(receive, MsgType.MakeSend, local: new PortName(0x8888), localDisposition: MsgType.MakeSendOnce), out _));
        Assert.Equal(MachMsgReturn.SendInvalidReply, space.Copyin(Msg(receive, MsgType.MakeSend, local: send, localDisposition: MsgType.MakeSendOnce), out _));
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Copyin_ConsumedSendOnceUsedAgain_SendInvalidDest()
    {
        var space = Space();
        var once = space.CopyoutRight(CarriedRight.SendOnce(Port(1)));

        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(once, MsgType.MoveSendOnce), out var message));
        Assert.Equal(MsgType.PortSendOnce, message!.DestinationRight);
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(once, MsgType.MoveSendOnce), out _));
    }

    [Fact]
    public void Copyin_BodyRightNotHeld_SendInvalidRightAndCopiedRightsReleased()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        var reply = Receive(space, 2);
        var carried = SendRight(space, 3);

        var result = space.Copyin(
            Msg(dest, MsgType.CopySend, local: reply, localDisposition: MsgType.MakeSendOnce,
                body: [new MsgItem.Port(carried, MsgType.MoveSend), new MsgItem.Port(new PortName(0xbad), MsgType.CopySend)]),
            out var message);

        Assert.Equal(MachMsgReturn.SendInvalidRight, result);
        Assert.Null(message);
        var effects = space.TakeEffects();
        Assert.Equal([new PortRightsChanged(1, 0, 0), new PortRightsChanged(-1, 0, 0)], To(effects, Port(1))); // destination copied, then released
        Assert.Contains(new PortRightsChanged(-1, 0, 0), To(effects, Port(3)));                               // the moved body right released
        Assert.Equal([(2L, NotifyIds.SendOnce)], Notes(effects));                                            // the reply send-once right destroyed unused
    }

    [Fact]
    public void Copyin_BadBodyType_SendInvalidType()
    {
        var space = Space();
        var dest = SendRight(space, 1);

        var result = space.Copyin(Msg(dest, MsgType.CopySend, body: new MsgItem.Port(dest, (MsgType)22)), out _);

        Assert.Equal(MachMsgReturn.SendInvalidType, result);
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Copyin_TooLarge_SendNoBuffer()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        var big = new MsgItem.Bytes(ImmutableArray.Create(new byte[IpcLimits.MsgSizeMax]));

        Assert.Equal(MachMsgReturn.SendNoBuffer, space.Copyin(Msg(dest, MsgType.CopySend, body: big), out _));
    }

    [Fact]
    public void Copyin_BodyRightsNullDeadAndNames_PassThrough()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        var moved = Receive(space, 2);

        var result = space.Copyin(Msg(dest, MsgType.CopySend, body:
            [new MsgItem.Port(PortName.Null, MsgType.CopySend), new MsgItem.Port(PortName.Dead, MsgType.MoveSend),
             new MsgItem.Port(new PortName(0x77), MsgType.PortNameOnly), new MsgItem.PortArray([moved], MsgType.MoveReceive)]), out var message);

        Assert.Equal(MachMsgReturn.Success, result);
        Assert.Equal([CarriedRight.Receive(Port(2))], message!.CarriedRights());
        Assert.Equal([PortReceiveMoved.Instance], To(space.TakeEffects(), Port(2)));
        Assert.Equal(KernReturn.InvalidName, space.Type(moved, out _));
    }

    [Fact]
    public void Copyout_SendRightForAPortAlreadyNamed_JoinsTheNameAndReleasesTheDuplicate()
    {
        var space = Space();
        var name = SendRight(space, 1);

        var again = space.CopyoutRight(CarriedRight.Send(Port(1)));

        Assert.Equal(name, again);
        space.GetRefs(name, PortRight.Send, out var urefs);
        Assert.Equal(2, urefs);
        Assert.Equal([new PortRightsChanged(-1, 0, 0)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void Copyout_SendRightAtMaximumUrefs_StaysPinned()
    {
        var space = Space();
        var name = SendRight(space, 1);
        space.ModRefs(name, PortRight.Send, IpcLimits.UrefsMax - 1);

        space.CopyoutRight(CarriedRight.Send(Port(1)));

        space.GetRefs(name, PortRight.Send, out var urefs);
        Assert.Equal(IpcLimits.UrefsMax, urefs);
        Assert.Equal([new PortRightsChanged(-1, 0, 0)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void Copyout_NewPort_FreshNameAndRegistersWithThePort()
    {
        var space = Space();

        var name = space.CopyoutRight(CarriedRight.Send(Port(1)));
        var once1 = space.CopyoutRight(CarriedRight.SendOnce(Port(1)));
        var once2 = space.CopyoutRight(CarriedRight.SendOnce(Port(1)));

        Assert.Equal(3, new[] { name, once1, once2 }.Distinct().Count());
        Assert.Equal([new PortHolderAdded(space.Owner)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void Copyout_ReceiveRight_JoinsTheSendNameAndTellsThePort()
    {
        var space = Space();
        var name = SendRight(space, 1);

        var received = space.CopyoutRight(CarriedRight.Receive(Port(1)));

        Assert.Equal(name, received);
        space.Type(name, out var type);
        Assert.Equal(PortType.Send | PortType.Receive, type);
        Assert.Equal([new PortReceiveArrived(space.Owner)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void Copyout_Received_HeaderIsReversed()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var kmsg = KMsg(Port(1), id: 42, right: MsgType.PortSendOnce, reply: CarriedRight.Send(Port(2))) with { Seqno = 9 };

        var message = space.Copyout(kmsg, reverse: true);

        Assert.Equal(receive, message.Header.Local);
        Assert.Equal(MsgType.PortSendOnce, message.Header.LocalDisposition);
        Assert.Equal(MsgType.PortSend, message.Header.RemoteDisposition);
        Assert.Equal(space.NameOf(Port(2)), message.Header.Remote);
        Assert.Equal((42, 9L), (message.Header.Id, message.Seqno));
    }

    [Fact]
    public void PortDied_SendAndSendOnceNames_BecomeDeadNamesAndFireDeadNameRequests()
    {
        var space = Space();
        var send = SendRight(space, 1);
        space.ModRefs(send, PortRight.Send, 2);
        var once = space.CopyoutRight(CarriedRight.SendOnce(Port(1)));
        var notify = Receive(space, 2);
        space.RequestNotification(send, NotifyIds.DeadName, 0, notify, MsgType.MakeSendOnce, HostCall(), out _);
        space.TakeEffects();

        space.PortDied(Port(1));

        space.Type(send, out var sendType);
        space.GetRefs(send, PortRight.DeadName, out var sendUrefs);
        space.Type(once, out var onceType);
        Assert.Equal((PortType.DeadName, 4), (sendType, sendUrefs)); // 3 urefs + 1 for the notification
        Assert.Equal(PortType.DeadName, onceType);
        Assert.Equal([(2L, NotifyIds.DeadName)], Notes(space.TakeEffects()));
        Assert.Equal(MachMsgReturn.SendInvalidDest, space.Copyin(Msg(send, MsgType.CopySend), out _));
        Assert.Equal(KernReturn.Success, space.Deallocate(once));
    }

    [Fact]
    public void Copyout_PseudoReceive_GivesTheRightsBackUnreversed()
    {
        var space = Space();
        var dest = SendRight(space, 1);
        Assert.Equal(MachMsgReturn.Success, space.Copyin(Msg(dest, MsgType.MoveSend), out var message));
        space.TakeEffects();

        var back = space.Copyout(message!, reverse: false);

        Assert.Equal(MsgType.PortSend, back.Header.RemoteDisposition);
        space.Type(back.Header.Remote, out var type);
        Assert.Equal(PortType.Send, type);
    }
}
