namespace MachActors.Kernel.Ipc;

/// <summary>The destruction of the receive right (spec 1.4), as one event.</summary>
public sealed partial class PortState
{
    /// <summary>
    /// The receive right is destroyed. In order: receivers waiting get RcvPortDied and the port
    /// leaves its set. (1) With a port-destroyed request the port does not die: its receive right goes
    /// to the request's right in a port-destroyed notification, and it is in transit. Otherwise
    /// (2) it is dead: blocked senders are woken with Success and their messages destroyed; (3) a
    /// no-senders request becomes a send-once notification; (4) queued messages are destroyed (their
    /// rights released); (5, 6) every holding space gets <see cref="SpacePortDied"/> and turns its
    /// rights into dead names (firing their dead-name requests). Later calls on a dead port are no-ops.
    /// </summary>
    public void DestroyReceive()
    {
        if (Dead) return;
        foreach (var w in _receivers.ToArray()) EndWait(w, MachMsgReturn.RcvPortDied);
        LeaveSet();
        if (_portDestroyed is { } backup)
        {
            _portDestroyed = null;
            Receiver = null;
            Notifications.Send(Notifications.PortDestroyed(backup, Self), _effects);
            return;
        }
        Dead = true;
        Receiver = null;
        foreach (var blocked in _senders.ToArray())
        {
            _senders.Remove(blocked);
            CancelTimer(blocked.Key, blocked.Sender.Timeout);
            Notifications.ReleaseCarried(blocked.Message, _effects);
            if ((SeededBugs & Hardware.SeededBugs.PortDeathDropsBlockedSenders) != 0) continue; // the seeded bug: tests only
            _effects.Add(new IpcEffect.Wake(blocked.Sender.Reply, blocked.Channel, Sent));
        }
        if (_noSenders is { } request)
        {
            _noSenders = null;
            Notifications.Release(request.Notify, _effects);
        }
        foreach (var message in _queue) ReleaseQueued(message);
        _queue.Clear();
        _forced.Clear();
        foreach (var holder in _holders) _effects.Add(new IpcEffect.Tell(holder, new SpacePortDied(Self)));
        _holders.Clear();
    }

    /// <summary>A queued message destroyed with the port: its rights released (a forced message's notify right too).</summary>
    private void ReleaseQueued(KernelMessage message)
    {
        if ((SeededBugs & Hardware.SeededBugs.PortDeathQuietSendOnce) == 0)
        {
            Notifications.ReleaseCarried(message, _effects);
            return;
        }
        foreach (var right in message.CarriedRights()) // the seeded bug: tests only
        {
            if (right.Right == MsgType.PortSendOnce) Notifications.ReleaseQuietly(right, _effects);
            else Notifications.Release(right, _effects);
        }
    }
}
