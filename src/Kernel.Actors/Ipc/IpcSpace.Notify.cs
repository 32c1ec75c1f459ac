using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>mach_port_request_notification: dead-name requests live in the space; no-senders and port-destroyed requests at the port.</summary>
public sealed partial class IpcSpace
{
    /// <summary>
    /// mach_port_request_notification. <paramref name="notify"/> must be NULL (cancel) or a send-once
    /// right given as MakeSendOnce or MoveSendOnce (InvalidValue for another disposition; the copyin's
    /// InvalidName/InvalidRight otherwise, reported as InvalidCapability).
    /// Dead-name (<see cref="NotifyIds.DeadName"/>): on a send, send-once or receive right the request
    /// is swapped in at once and <paramref name="previous"/> names the old right. On a dead name, with
    /// <paramref name="sync"/> != 0 and a right, the notification fires at once (the name gains a
    /// uref); otherwise (sync 0, or notify NULL or DEAD) InvalidArgument. No-senders and port-destroyed (<see cref="NotifyIds.NoSenders"/>,
    /// <see cref="NotifyIds.PortDestroyed"/>, sync 0): the name must hold the receive right
    /// (InvalidRight); the request goes to the port, the answer is null (pending) and the port's
    /// <see cref="SpaceRequestDone"/> completes it (<see cref="RequestDone"/>). InvalidValue for another variant.
    /// </summary>
    public KernReturn? RequestNotification(PortName name, int variant, int sync, PortName notify, MsgType notifyDisposition, CallerReply reply, out PortName previous)
    {
        previous = PortName.Null;
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        if (notify != PortName.Null && notifyDisposition is not (MsgType.MakeSendOnce or MsgType.MoveSendOnce)) return KernReturn.InvalidValue;
        if (variant is not (NotifyIds.DeadName or NotifyIds.NoSenders or NotifyIds.PortDestroyed)) return KernReturn.InvalidValue;
        if (variant == NotifyIds.DeadName && e.Has(PortType.DeadName) && (sync == 0 || !notify.IsValid)) return KernReturn.InvalidArgument;
        if (variant == NotifyIds.DeadName && !e.Has(PortType.DeadName | PortType.Send | PortType.SendOnce | PortType.Receive)) return KernReturn.InvalidRight;
        if (variant != NotifyIds.DeadName && !e.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (variant == NotifyIds.PortDestroyed && sync != 0) return KernReturn.InvalidValue;
        if (notify.IsValid && (Lookup(notify) is null || !CanCopyin(notify, notifyDisposition, allowDead: false))) return KernReturn.InvalidCapability;
        var right = CarriedRight.Null;
        if (notify.IsValid) right = CopyinChecked(notify, notifyDisposition);
        if (variant != NotifyIds.DeadName)
        {
            Tell(e.Port!, new PortRequestNotification(variant, sync, right, reply, Owner));
            return null;
        }
        if (e.Has(PortType.DeadName))
        {
            e.Urefs = Math.Min(e.Urefs + 1, IpcLimits.UrefsMax);
            Notifications.Send(Notifications.NameNotification(right, NotifyIds.DeadName, name), _effects);
            return KernReturn.Success;
        }
        var old = e.DeadNameRequest;
        e.DeadNameRequest = right.HoldsRight ? right : null;
        previous = old is { } o ? CopyoutRight(o) : PortName.Null;
        return KernReturn.Success;
    }

    /// <summary>The port registered a no-senders or port-destroyed request: the previous right gets a name here (returned).</summary>
    public PortName RequestDone(SpaceRequestDone done)
    {
        ArgumentNullException.ThrowIfNull(done);
        return CopyoutRight(done.Previous);
    }
}
