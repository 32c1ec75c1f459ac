namespace MachActors.Kernel.Ipc;

/// <summary>mach_msg's notify argument (spec 2.4, 2.5): SEND_NOTIFY, SEND_CANCEL and RCV_NOTIFY.</summary>
public sealed partial class IpcSpace
{
    /// <summary>
    /// The send half's copyin with its options. With SendNotify or SendCancel, <paramref name="notify"/>
    /// must name a receive right (SendInvalidNotify otherwise, NULL included; nothing done). Then
    /// <see cref="Copyin(MachMessage, out KernelMessage?)"/>. SendCancel: when the move of the
    /// destination right frees its name and the name's dead-name request goes to the notify port, the
    /// request is released quietly (no port-deleted notification). SendNotify, on Success:
    /// <paramref name="notifyRight"/> is a send-once right made from the notify port (counted there
    /// first, rule 3) for the destination port's msg-accepted request; NULL otherwise.
    /// </summary>
    public MachMsgReturn CopyinSend(MachMessage program, MachMsgOption options, PortName notify, out KernelMessage? message, out CarriedRight notifyRight)
    {
        notifyRight = CarriedRight.Null;
        message = null;
        PortRef? notifyPort = null;
        if ((options & (MachMsgOption.SendNotify | MachMsgOption.SendCancel)) != 0)
        {
            if (ReceiveRightPort(notify) is not { } port) return MachMsgReturn.SendInvalidNotify;
            notifyPort = port;
        }
        var code = Copyin(program, (options & MachMsgOption.SendCancel) != 0 ? notifyPort : null, out message);
        if (code != MachMsgReturn.Success || (options & MachMsgOption.SendNotify) == 0) return code;
        // Made from the port, not the name: the message may carry the notify receive right itself.
        Tell(notifyPort!, new PortRightsChanged(0, 1, 0));
        notifyRight = CarriedRight.SendOnce(notifyPort!);
        return code;
    }

    /// <summary>
    /// The message this space forced onto <paramref name="port"/>'s full queue was dequeued
    /// (<see cref="SpaceMsgAccepted"/>): the msg-accepted notification goes to <paramref name="notify"/>,
    /// naming the space's send right for the port, or NULL when it holds none now.
    /// </summary>
    public void MsgAccepted(PortRef port, CarriedRight notify)
    {
        ArgumentNullException.ThrowIfNull(port);
        var name = NameOf(port);
        if (Lookup(name) is not { } entry || !entry.Has(PortType.Send)) name = PortName.Null;
        Notifications.Send(Notifications.NameNotification(notify, NotifyIds.MsgAccepted, name), _effects);
    }

    /// <summary>
    /// Copies a dequeued message out for a receive (header reversed). With ReceiveNotify and a
    /// <paramref name="notify"/> that is not NULL: it must name a receive right, else the message is
    /// destroyed (its rights released) and <paramref name="code"/> is RcvInvalidNotify (null returned);
    /// when the reply right gets a new name here, a dead-name request for that name is registered with
    /// a send-once right made from the notify port. <paramref name="code"/> is Success otherwise, or
    /// RcvBodyError | VmSpace when out-of-line memory did not fit (the message is still delivered).
    /// </summary>
    public MachMessage? CopyoutReceived(KernelMessage message, MachMsgOption options, PortName notify, out MachMsgReturn code)
    {
        ArgumentNullException.ThrowIfNull(message);
        code = MachMsgReturn.Success;
        if ((options & MachMsgOption.ReceiveNotify) == 0 || notify == PortName.Null) return Copyout(message, reverse: true, out code);
        if (ReceiveRightPort(notify) is not { } notifyPort)
        {
            Notifications.ReleaseCarried(message, _effects); // dequeued: the destination right was consumed at the port
            code = MachMsgReturn.RcvInvalidNotify;
            return null;
        }
        var isNew = message.Reply.Port is { } p && (message.Reply.Right == MsgType.PortSendOnce || !_reverse.ContainsKey(p.Id));
        var received = Copyout(message, reverse: true, out code);
        if (isNew && Lookup(received.Header.Remote) is { DeadNameRequest: null } entry && entry.Has(PortType.Send | PortType.SendOnce))
        {
            Tell(notifyPort, new PortRightsChanged(0, 1, 0));
            entry.DeadNameRequest = CarriedRight.SendOnce(notifyPort);
        }
        return received;
    }

    private PortRef? ReceiveRightPort(PortName name) => Lookup(name) is { Port: { } port } e && e.Has(PortType.Receive) ? port : null;
}
