using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

public sealed class IpcSpaceCallTests
{
    [Fact]
    public void Allocate_Receive_NameHoldsOnlyTheReceiveRight()
    {
        var space = Space();
        var name = Receive(space, 1);

        Assert.True(name.IsValid);
        Assert.Equal(KernReturn.Success, space.Type(name, out var type));
        Assert.Equal(PortType.Receive, type);
        Assert.Equal(KernReturn.Success, space.GetRefs(name, PortRight.Receive, out var refs));
        Assert.Equal(1, refs);
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Allocate_DeadNameAndPortSet_GetTheirTypes()
    {
        var space = Space();
        Assert.Equal(KernReturn.Success, space.Allocate(PortRight.DeadName, null, out var dead));
        Assert.Equal(KernReturn.Success, space.Allocate(PortRight.PortSet, Port(50), out var set));

        space.Type(dead, out var deadType);
        space.Type(set, out var setType);
        space.GetRefs(dead, PortRight.DeadName, out var urefs);
        Assert.Equal(PortType.DeadName, deadType);
        Assert.Equal(PortType.PortSet, setType);
        Assert.Equal(1, urefs);
        Assert.NotEqual(dead, set);
    }

    [Fact]
    public void Allocate_BadRightOrWantedName_Fails()
    {
        var space = Space();
        var taken = Receive(space, 1);

        Assert.Equal(KernReturn.InvalidValue, space.Allocate(PortRight.Send, Port(2), out _));
        Assert.Equal(KernReturn.NameExists, space.Allocate(PortRight.DeadName, null, out _, taken));
        Assert.Equal(KernReturn.InvalidValue, space.Allocate(PortRight.DeadName, null, out _, PortName.Dead));
        Assert.Equal(KernReturn.Success, space.Allocate(PortRight.DeadName, null, out var chosen, new PortName(0x4242)));
        Assert.Equal(new PortName(0x4242), chosen);
    }

    [Fact]
    public void Deallocate_ForgedOrWrongRight_FailsAndChangesNothing()
    {
        var space = Space();
        var receive = Receive(space, 1);

        Assert.Equal(KernReturn.InvalidName, space.Deallocate(new PortName(0x999)));
        Assert.Equal(KernReturn.InvalidName, space.Deallocate(PortName.Null));
        Assert.Equal(KernReturn.InvalidRight, space.Deallocate(receive));
        Assert.Equal(1, space.Count);
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Deallocate_LastSendUref_ReleasesTheRightAndFreesTheName()
    {
        var space = Space();
        var name = SendRight(space, 3);

        Assert.Equal(KernReturn.Success, space.Deallocate(name));

        Assert.Equal([new PortRightsChanged(-1, 0, 0)], To(space.TakeEffects(), Port(3)));
        Assert.Equal(KernReturn.InvalidName, space.Type(name, out _));
    }

    [Fact]
    public void Deallocate_ThenTheRightComesBack_StaysRegisteredWithoutMessages()
    {
        var space = Space();
        var name = SendRight(space, 3);
        Assert.Equal(KernReturn.Success, space.Deallocate(name));
        space.TakeEffects();

        space.CopyoutRight(CarriedRight.SendOnce(Port(3)));

        Assert.DoesNotContain(To(space.TakeEffects(), Port(3)), m => m is PortHolderAdded);
    }

    [Fact]
    public void DestroyAll_PortsRegisteredBefore_EachIsToldTheSpaceIsGone()
    {
        var space = Space();
        var name = SendRight(space, 3);
        Assert.Equal(KernReturn.Success, space.Deallocate(name));
        SendRight(space, 4);
        space.TakeEffects();

        space.DestroyAll();

        var effects = space.TakeEffects();
        Assert.Contains(new PortHolderRemoved(space.Owner), To(effects, Port(3)));
        Assert.Contains(new PortHolderRemoved(space.Owner), To(effects, Port(4)));
    }

    [Fact]
    public void PortDied_ForAPortNoLongerNamed_ChangesNothing()
    {
        var space = Space();
        var keep = SendRight(space, 4);
        var gone = SendRight(space, 3);
        Assert.Equal(KernReturn.Success, space.Deallocate(gone));
        space.TakeEffects();

        space.PortDied(Port(3));

        Assert.Empty(space.TakeEffects());
        Assert.Equal(KernReturn.Success, space.Type(keep, out var type));
        Assert.Equal(PortType.Send, type);
    }

    [Fact]
    public void Deallocate_SendOnce_ProducesTheSendOnceNotification()
    {
        var space = Space();
        var name = space.CopyoutRight(CarriedRight.SendOnce(Port(4)));
        space.TakeEffects();

        Assert.Equal(KernReturn.Success, space.Deallocate(name));

        Assert.Equal([(4L, NotifyIds.SendOnce)], Notes(space.TakeEffects()));
        Assert.Equal(KernReturn.InvalidName, space.Deallocate(name)); // consumed: not usable again
    }

    [Fact]
    public void ModRefs_SendPastTheMaximum_UrefsOverflow()
    {
        var space = Space();
        var name = SendRight(space, 1);

        Assert.Equal(KernReturn.Success, space.ModRefs(name, PortRight.Send, IpcLimits.UrefsMax - 1));
        Assert.Equal(KernReturn.UrefsOverflow, space.ModRefs(name, PortRight.Send, 1));
        space.GetRefs(name, PortRight.Send, out var refs);
        Assert.Equal(IpcLimits.UrefsMax, refs);
    }

    [Fact]
    public void ModRefs_BadDeltas_InvalidValueOrRight()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var send = SendRight(space, 2);

        Assert.Equal(KernReturn.InvalidValue, space.ModRefs(send, PortRight.Send, -2));
        Assert.Equal(KernReturn.InvalidValue, space.ModRefs(receive, PortRight.Receive, -2));
        Assert.Equal(KernReturn.InvalidValue, space.ModRefs(receive, PortRight.Receive, 1));
        Assert.Equal(KernReturn.InvalidRight, space.ModRefs(receive, PortRight.Send, 1));
        Assert.Equal(KernReturn.InvalidRight, space.ModRefs(send, PortRight.DeadName, 1));
        Assert.Equal(KernReturn.InvalidValue, space.ModRefs(send, (PortRight)9, 1));
        Assert.Equal(KernReturn.InvalidName, space.ModRefs(new PortName(0x777), PortRight.Send, 1));
    }

    [Fact]
    public void ModRefs_ReceiveMinusOne_DestroysThePortAndKeepsTheSendRight()
    {
        var space = Space();
        var name = ReceiveAndSend(space, 1);

        Assert.Equal(KernReturn.Success, space.ModRefs(name, PortRight.Receive, -1));

        Assert.Equal([PortDestroyReceive.Instance], To(space.TakeEffects(), Port(1)));
        space.Type(name, out var type);
        Assert.Equal(PortType.Send, type);
    }

    [Fact]
    public void GetRefs_EachRight_ReportsUrefsOrZero()
    {
        var space = Space();
        var name = ReceiveAndSend(space, 1, urefs: 3);

        space.GetRefs(name, PortRight.Send, out var send);
        space.GetRefs(name, PortRight.Receive, out var receive);
        space.GetRefs(name, PortRight.SendOnce, out var sendOnce);
        Assert.Equal((3, 1, 0), (send, receive, sendOnce));
        Assert.Equal(KernReturn.InvalidName, space.GetRefs(new PortName(5), PortRight.Send, out _));
    }

    [Fact]
    public void Rename_ToATakenOrReservedName_Fails()
    {
        var space = Space();
        var a = Receive(space, 1);
        var b = Receive(space, 2);

        Assert.Equal(KernReturn.NameExists, space.Rename(a, b));
        Assert.Equal(KernReturn.InvalidValue, space.Rename(a, PortName.Null));
        Assert.Equal(KernReturn.InvalidValue, space.Rename(a, PortName.Dead));
        Assert.Equal(KernReturn.InvalidName, space.Rename(new PortName(0x55), new PortName(0x66)));
    }

    [Fact]
    public void Rename_ReceiveRight_ArrivingSendRightsJoinTheNewName()
    {
        var space = Space();
        var old = Receive(space, 1);
        var renamed = new PortName(0x5003);

        Assert.Equal(KernReturn.Success, space.Rename(old, renamed));
        var arrived = space.CopyoutRight(CarriedRight.Send(Port(1)));

        Assert.Equal(renamed, arrived);
        Assert.Equal(KernReturn.InvalidName, space.Type(old, out _));
        space.Type(renamed, out var type);
        Assert.Equal(PortType.Send | PortType.Receive, type);
    }

    [Fact]
    public void Destroy_NameWithDeadNameRequest_FiresPortDeletedAndReleasesTheSendRight()
    {
        var space = Space();
        var send = SendRight(space, 1);
        var notify = Receive(space, 2);
        Assert.Equal(KernReturn.Success, space.RequestNotification(send, NotifyIds.DeadName, 0, notify, MsgType.MakeSendOnce, HostCall(), out _));
        space.Type(send, out var withRequest);
        Assert.True(withRequest.HasFlag(PortType.DeadNameRequest));
        space.TakeEffects();

        Assert.Equal(KernReturn.Success, space.Destroy(send));

        var effects = space.TakeEffects();
        Assert.Contains(new PortRightsChanged(-1, 0, 0), To(effects, Port(1)));
        Assert.Equal([(2L, NotifyIds.PortDeleted)], Notes(effects));
        Assert.Equal(KernReturn.InvalidName, space.Destroy(send));
    }

    [Fact]
    public void Destroy_PortSet_MembersLeaveAndTheSetIsTold()
    {
        var space = Space();
        var member = Receive(space, 1);
        space.Allocate(PortRight.PortSet, Port(50), out var set);
        Assert.Equal(KernReturn.Success, space.MoveMember(member, set));
        space.TakeEffects();

        Assert.Equal(KernReturn.Success, space.Destroy(set));

        var effects = space.TakeEffects();
        Assert.Equal([new PortMoveMember(null)], To(effects, Port(1)));
        Assert.Equal([SetDestroyed.Instance], To(effects, Port(50)));
        Assert.Equal(MachMsgReturn.Success, space.CheckReceive(member, out _, out _));
    }

    [Fact]
    public void InsertRight_MakeSendUnderTheReceiveName_GivesSendAndReceive()
    {
        var space = Space();
        var name = Receive(space, 1);
        Assert.Equal(KernReturn.Success, space.CheckInsert(name, Port(1), MsgType.PortSend));
        Assert.Equal(KernReturn.Success, space.CopyinRight(name, MsgType.MakeSend, out var right));

        Assert.Equal(KernReturn.Success, space.InsertRight(name, right));

        space.Type(name, out var type);
        Assert.Equal(PortType.Send | PortType.Receive, type);
        Assert.Equal([new PortRightsChanged(1, 0, 1)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void InsertRight_ConflictingNames_FailAndReleaseTheRight()
    {
        var space = Space();
        var a = Receive(space, 1);
        var b = Receive(space, 2);

        Assert.Equal(KernReturn.NameExists, space.InsertRight(b, CarriedRight.Send(Port(1))));
        Assert.Equal(KernReturn.RightExists, space.InsertRight(new PortName(0x9903), CarriedRight.Send(Port(1))));
        Assert.Equal(KernReturn.InvalidValue, space.InsertRight(PortName.Null, CarriedRight.Send(Port(1))));
        Assert.Equal(KernReturn.InvalidCapability, space.InsertRight(new PortName(0x9903), CarriedRight.Dead));

        Assert.Equal(3, To(space.TakeEffects(), Port(1)).Count(m => m.Equals(new PortRightsChanged(-1, 0, 0))));
        space.Type(a, out var type);
        Assert.Equal(PortType.Receive, type);
    }

    [Fact]
    public void SetQLimit_OutOfRangeOrNoReceive_Fails()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var send = SendRight(space, 2);

        Assert.Equal(KernReturn.InvalidValue, space.SetQLimit(receive, IpcLimits.QLimitMax + 1));
        Assert.Equal(KernReturn.InvalidValue, space.SetQLimit(receive, -1));
        Assert.Equal(KernReturn.InvalidRight, space.SetQLimit(send, 3));
        Assert.Equal(KernReturn.Success, space.SetQLimit(receive, 3));
        Assert.Equal([new PortSetQLimit(3)], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void MoveMember_IntoASet_ReceiveOnTheMemberIsRcvInSet()
    {
        var space = Space();
        var member = Receive(space, 1);
        space.Allocate(PortRight.PortSet, Port(50), out var set);

        Assert.Equal(KernReturn.NotInSet, space.MoveMember(member, PortName.Null));
        Assert.Equal(KernReturn.InvalidRight, space.MoveMember(set, set));
        Assert.Equal(KernReturn.InvalidRight, space.MoveMember(member, member));
        Assert.Equal(KernReturn.Success, space.MoveMember(member, set));

        Assert.Equal(MachMsgReturn.RcvInSet, space.CheckReceive(member, out _, out _));
        Assert.Equal(MachMsgReturn.Success, space.CheckReceive(set, out var target, out var isSet));
        Assert.True(isSet);
        Assert.Equal(Port(50), target);
        space.SetMembers(set, out var members);
        Assert.Equal([member], members);
        Assert.Equal([new PortMoveMember(Port(50))], To(space.TakeEffects(), Port(1)));
    }

    [Fact]
    public void CheckReceive_SendRightOrUnknownName_RcvInvalidName()
    {
        var space = Space();
        var send = SendRight(space, 1);

        Assert.Equal(MachMsgReturn.RcvInvalidName, space.CheckReceive(send, out _, out _));
        Assert.Equal(MachMsgReturn.RcvInvalidName, space.CheckReceive(new PortName(0x123), out _, out _));
    }

    [Fact]
    public void RequestNotification_NoSendersOnReceive_GoesToThePortPending()
    {
        var space = Space();
        var name = Receive(space, 1);
        var notify = Receive(space, 2);

        var result = space.RequestNotification(name, NotifyIds.NoSenders, 0, notify, MsgType.MakeSendOnce, HostCall(), out _);

        Assert.Null(result);
        var effects = space.TakeEffects();
        Assert.Equal([new PortRightsChanged(0, 1, 0)], To(effects, Port(2)));
        var request = Assert.IsType<PortRequestNotification>(Assert.Single(To(effects, Port(1))));
        Assert.Equal(CarriedRight.SendOnce(Port(2)), request.Notify);
    }

    [Fact]
    public void RequestNotification_BadInput_Fails()
    {
        var space = Space();
        var receive = Receive(space, 1);
        var send = SendRight(space, 2);
        space.Allocate(PortRight.DeadName, null, out var dead);

        Assert.Equal(KernReturn.InvalidRight, space.RequestNotification(send, NotifyIds.NoSenders, 0, receive, MsgType.MakeSendOnce, HostCall(), out _));
        Assert.Equal(KernReturn.InvalidValue, space.RequestNotification(receive, NotifyIds.DeadName, 0, receive, MsgType.MakeSend, HostCall(), out _));
        Assert.Equal(KernReturn.InvalidValue, space.RequestNotification(receive, 99, 0, receive, MsgType.MakeSendOnce, HostCall(), out _));
        Assert.Equal(KernReturn.InvalidArgument, space.RequestNotification(dead, NotifyIds.DeadName, 0, receive, MsgType.MakeSendOnce, HostCall(), out _));
        Assert.Equal(KernReturn.InvalidCapability, space.RequestNotification(send, NotifyIds.DeadName, 0, send, MsgType.MakeSendOnce, HostCall(), out _));
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void RequestNotification_DeadNameOnADeadNameWithSyncAndDeadNotify_InvalidArgument()
    {
        // Found by the IPC properties: MACH_PORT_DEAD as the notify right is no right, so nothing can fire
        // (it used to build a notification to no port and throw in the task actor).
        var space = Space();
        space.Allocate(PortRight.DeadName, null, out var dead);

        Assert.Equal(KernReturn.InvalidArgument, space.RequestNotification(dead, NotifyIds.DeadName, 1, PortName.Dead, MsgType.MoveSendOnce, HostCall(), out _));
        Assert.Equal(KernReturn.Success, space.GetRefs(dead, PortRight.DeadName, out var refs));
        Assert.Equal(1, refs);
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void RequestNotification_DeadNameOnADeadNameWithSync_FiresAtOnce()
    {
        var space = Space();
        var notify = Receive(space, 2);
        space.Allocate(PortRight.DeadName, null, out var dead);

        Assert.Equal(KernReturn.Success, space.RequestNotification(dead, NotifyIds.DeadName, 1, notify, MsgType.MakeSendOnce, HostCall(), out _));

        Assert.Equal([(2L, NotifyIds.DeadName)], Notes(space.TakeEffects()));
        space.GetRefs(dead, PortRight.DeadName, out var urefs);
        Assert.Equal(2, urefs);
    }

    [Fact]
    public void Names_ListsEveryNameWithItsType()
    {
        var space = Space();
        var a = Receive(space, 1);
        var b = SendRight(space, 2);

        Assert.Equal([(a, PortType.Receive), (b, PortType.Send)], space.Names());
    }
}
