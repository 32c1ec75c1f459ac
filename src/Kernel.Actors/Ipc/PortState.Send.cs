using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>The send side: queueing, the queue limit, blocked senders, handing a message to a waiting receiver.</summary>
public sealed partial class PortState
{
    private readonly List<BlockedSender> _senders = [];
    private readonly HashSet<IActorRef> _forced = []; // the spaces with a SEND_NOTIFY message queued past the limit here

    /// <summary>Senders parked on the full queue now.</summary>
    public int BlockedSenderCount => _senders.Count;

    /// <summary>A sender parked on the full queue.</summary>
    private sealed record BlockedSender(KernelMessage Message, SendWait Sender, WaitChannel Channel, long Key);

    /// <summary>
    /// A message arrives (mach_msg send, or a kernel send when <paramref name="sender"/> is null).
    /// Preconditions: the message's destination is this port. Effects, first that applies:
    /// dead port, or a message carrying this port's own receive right: destroyed, the sender answered
    /// Success (spec 1.4 item 7, 2.4 circularity). A direct receiver waiting and the message fits:
    /// handed to it (with the handoff hint for an RPC sender). Queue full for a send right without
    /// SendAlways: with SEND_NOTIFY (a notify right in <see cref="SendWait.Notify"/>) queued anyway
    /// with a msg-accepted request (SendWillNotify), or, while that space already has such a message
    /// here, returned to its space (SendNotifyInProgress); else with a zero timeout returned
    /// (SendTimedOut); otherwise the sender is parked FIFO (with its timer). A kernel port: the
    /// message is dequeued at once (seqno stamped, destination right consumed) and handed to the
    /// kernel object; the sender is answered Success (no handoff: the kernel serves it). Otherwise
    /// queued, the sender answered Success, the set told, waiting receivers served. A notify right
    /// the message does not take is released quietly.
    /// </summary>
    public void Enqueue(KernelMessage message, SendWait? sender)
    {
        if (sender is { Notify.HoldsRight: true } && !WillForce(message, sender))
        {
            Notifications.ReleaseQuietly(sender.Notify, _effects);
        }
        if (Dead || message.CarriesReceiveOf(Self) || SeededInTransitDestroy())
        {
            DestroyHere(message);
            if (sender is not null) _effects.Add(new IpcEffect.Answer(sender.Reply, Sent));
            return;
        }
        if (KernelObject is { } kernel)
        {
            _effects.Add(new IpcEffect.Tell(kernel, new KernelPortMessage(Dequeued(message))));
            if (sender is not null) _effects.Add(new IpcEffect.Answer(sender.Reply, Sent));
            return;
        }
        if (CanHandOff(message))
        {
            var waiter = _receivers[0];
            StopServed(waiter);
            SendAnswer? answer = null;
            if (sender is not null)
            {
                object result = sender.Rpc && IsPlainBlockedReceive(waiter) && waiter.Receiver.Reply.CallerThread is { } thread
                    ? new IpcSendDone(Sent, thread)
                    : Sent;
                answer = new SendAnswer(sender.Reply, result);
            }
            Deliver(Dequeued(message), waiter.Receiver, waiter.Channel, answer);
            return;
        }
        if (MayBlock(message, sender) && _queue.Count >= QLimit)
        {
            var s = sender!;
            if (s.Notify.HoldsRight)
            {
                Force(message, s);
                return;
            }
            if (s.Timeout is { Nanoseconds: <= 0 } || !s.Reply.FromThread)
            {
                _effects.Add(new IpcEffect.Tell(s.Space, new SpaceSendReturned(message, s, null, MachMsgReturn.SendTimedOut)));
                return;
            }
            var blocked = new BlockedSender(message, s, new WaitChannel(Self.Actor, _sendWhat ??= $"send {Self}"), NextKey());
            _senders.Add(blocked);
            _effects.Add(new IpcEffect.Block(s.Reply, blocked.Channel, null));
            if (s.Timeout is { } timeout) _effects.Add(new IpcEffect.StartTimer(blocked.Key, timeout));
            return;
        }
        if (sender is not null) _effects.Add(new IpcEffect.Answer(sender.Reply, Sent));
        if (SeededHold(message)) return;
        Accept(message);
    }

    /// <summary>
    /// Test-only seeded bugs (<see cref="Hardware.SeededBugs.InTransitHoldsOneMessage"/>,
    /// <see cref="Hardware.SeededBugs.InTransitRequeuesReversed"/>): while the receive right is in transit
    /// the message is held aside (one slot: an earlier one there is destroyed; or a stack), queued at the arrival.
    /// </summary>
    private bool SeededHold(KernelMessage message)
    {
        if ((SeededBugs & (Hardware.SeededBugs.InTransitHoldsOneMessage | Hardware.SeededBugs.InTransitRequeuesReversed)) == 0 || Receiver is not null) return false;
        _held ??= [];
        if ((SeededBugs & Hardware.SeededBugs.InTransitHoldsOneMessage) != 0 && _held.Count > 0)
        {
            DestroyHere(_held[0]);
            _held.Clear();
        }
        _held.Add(message);
        return true;
    }

    /// <summary>The seeded bugs' held messages, queued when the receive right arrives (the stack popped: last first).</summary>
    private void QueueHeld()
    {
        if (_held is not { Count: > 0 }) return;
        var held = _held.ToArray();
        _held.Clear();
        for (var i = held.Length - 1; i >= 0; i--) Accept(held[i]);
    }

    /// <summary>Test-only seeded bug (<see cref="Hardware.SeededBugs.InTransitPortDestroysMessages"/>): a port whose receive right is in transit taken for dead.</summary>
    private bool SeededInTransitDestroy() =>
        (SeededBugs & Hardware.SeededBugs.InTransitPortDestroysMessages) != 0 && Receiver is null && KernelObject is null;

    private bool CanHandOff(KernelMessage message) => _receivers.Count > 0 && _queue.Count == 0 && message.Size <= _receivers[0].Receiver.MaxSize;

    private static bool MayBlock(KernelMessage message, SendWait? sender) =>
        sender is not null && message.DestinationRight != MsgType.PortSendOnce && (sender.Options & MachMsgOption.SendAlways) == 0;

    /// <summary>Whether <see cref="Enqueue"/> takes the path that uses the sender's notify right (a forced queueing with a new msg-accepted request).</summary>
    private bool WillForce(KernelMessage message, SendWait sender) =>
        !Dead && !message.CarriesReceiveOf(Self) && KernelObject is null && !CanHandOff(message) && MayBlock(message, sender)
        && _queue.Count >= QLimit && !_forced.Contains(sender.Space);

    /// <summary>
    /// SEND_NOTIFY on a full queue (spec 2.4): one forced message per sending space. The message is
    /// queued past the limit carrying its msg-accepted request, and the sender gets SendWillNotify; a
    /// second while the first is queued comes back to its space with SendNotifyInProgress.
    /// </summary>
    private void Force(KernelMessage message, SendWait sender)
    {
        if (!_forced.Add(sender.Space))
        {
            _effects.Add(new IpcEffect.Tell(sender.Space, new SpaceSendReturned(message, sender, null, MachMsgReturn.SendNotifyInProgress)));
            return;
        }
        _effects.Add(new IpcEffect.Answer(sender.Reply, new MachMsgResult(MachMsgReturn.SendWillNotify)));
        Accept(message with { Accept = new MsgAcceptRequest(sender.Notify, sender.Space) });
    }

    /// <summary>Puts an accepted message on the queue; tells the set; serves waiting receivers.</summary>
    private void Accept(KernelMessage message)
    {
        _queue.AddLast(message);
        if (Set is { } set) _effects.Add(new IpcEffect.Tell(set.Actor, new SetMemberEnqueued(Self)));
        ServeReceivers();
    }

    /// <summary>
    /// A message leaves the queue for a receiver: stamped with the seqno, its destination right
    /// consumed; a forced message's sending space is told to send its msg-accepted notification.
    /// </summary>
    private KernelMessage Dequeued(KernelMessage message)
    {
        var stamped = message with { Seqno = Seqno++ };
        ConsumeDestinationRight(message);
        if (message.Accept is not { } accept) return stamped;
        _forced.Remove(accept.Space);
        _effects.Add(new IpcEffect.Tell(accept.Space, new SpaceMsgAccepted(Self, accept.Notify)));
        return stamped with { Accept = null };
    }

    /// <summary>The right a message was sent with is used up: srights or sorights fall (no-senders may fire).</summary>
    private void ConsumeDestinationRight(KernelMessage message)
    {
        if (message.DestinationRight == MsgType.PortSendOnce) SORights--;
        else RightsChanged(-1, 0, 0);
    }

    /// <summary>Destroys a message at this port: its carried rights are released and its destination right consumed.</summary>
    private void DestroyHere(KernelMessage message)
    {
        if (message.Accept is { } accept) _forced.Remove(accept.Space); // its notify right goes with the rights below (send-once notification)
        Notifications.ReleaseCarried(message, _effects);
        if (!Dead) ConsumeDestinationRight(message);
    }

    /// <summary>While the queue has room, the longest-blocked senders' messages are queued and the senders woken with Success.</summary>
    private void AdmitBlockedSenders()
    {
        while (_senders.Count > 0 && _queue.Count < QLimit)
        {
            var next = _senders[0];
            _senders.RemoveAt(0);
            CancelTimer(next.Key, next.Sender.Timeout);
            _effects.Add(new IpcEffect.Wake(next.Sender.Reply, next.Channel, Sent));
            Accept(next.Message);
        }
    }

    /// <summary>A blocked sender's wait ends without its message queued: the message goes back to its space (pseudo-receive) with <paramref name="code"/>, or is destroyed when <paramref name="code"/> is null (the thread is gone).</summary>
    private void ReturnSender(BlockedSender blocked, MachMsgReturn? code)
    {
        _senders.Remove(blocked);
        CancelTimer(blocked.Key, blocked.Sender.Timeout);
        if (code is { } c) _effects.Add(new IpcEffect.Tell(blocked.Sender.Space, new SpaceSendReturned(blocked.Message, blocked.Sender, blocked.Channel, c)));
        else DestroyHere(blocked.Message);
    }
}
