using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>The receive side: dequeueing, waiting receivers, port-set dequeues, timeouts and aborts, the receive right's moves.</summary>
public sealed partial class PortState
{
    private readonly List<Waiter> _receivers = [];
    private List<Waiter>? _servedWithTimer; // the seeded bug only (ReceiveTimeoutAfterDequeue): made on first use
    private List<KernelMessage>? _held; // the seeded bugs only (InTransitHoldsOneMessage, InTransitRequeuesReversed): made on first use

    /// <summary>A thread blocked receiving on the port.</summary>
    private sealed record Waiter(ReceiveWait Receiver, WaitChannel Channel, long Key);

    /// <summary>
    /// A receive on the port (the space checked its receive right). Effects, first that applies: the
    /// port is dead or its receive right left the space: RcvPortDied. In a set: RcvInSet. A message
    /// queued: served (see <see cref="ServeOne"/>). Zero timeout (or host caller): RcvTimedOut.
    /// Otherwise the thread parks (with the receive's handoff hint) until a message, its timeout, an
    /// abort, a move into a set, or death.
    /// </summary>
    public void Receive(ReceiveWait receiver)
    {
        if (Dead || Receiver != receiver.Space)
        {
            _effects.Add(new IpcEffect.Answer(receiver.Reply, new MachMsgResult(MachMsgReturn.RcvPortDied)));
            return;
        }
        if (Set is not null)
        {
            _effects.Add(new IpcEffect.Answer(receiver.Reply, new MachMsgResult(MachMsgReturn.RcvInSet)));
            return;
        }
        if (_queue.Count > 0)
        {
            ServeOne(receiver, null);
            return;
        }
        if (receiver.Timeout is { Nanoseconds: <= 0 } || !receiver.Reply.FromThread)
        {
            _effects.Add(new IpcEffect.Answer(receiver.Reply, new MachMsgResult(MachMsgReturn.RcvTimedOut)));
            return;
        }
        var waiter = new Waiter(receiver, new WaitChannel(Self.Actor, _receiveWhat ??= $"receive {Self}"), NextKey());
        _receivers.Add(waiter);
        _effects.Add(new IpcEffect.Block(receiver.Reply, waiter.Channel, receiver.Handoff));
        if (receiver.Timeout is { } timeout) _effects.Add(new IpcEffect.StartTimer(waiter.Key, timeout));
    }

    /// <summary>
    /// A port set asks for one message for its receiver. Effects: the head message served, or
    /// <see cref="SetDequeueMiss"/> back to the set when the port is empty, dead or no longer its member.
    /// </summary>
    public void SetDequeue(PortSetDequeue request)
    {
        if (Dead || Set != request.Set || _queue.Count == 0)
        {
            _effects.Add(new IpcEffect.Tell(request.Set.Actor, new SetDequeueMiss(request.Receiver, request.Channel, request.Deadline)));
            return;
        }
        ServeOne(request.Receiver, request.Channel);
    }

    /// <summary>The timer of wait <paramref name="key"/> fired: a blocked sender gets its message back (SendTimedOut), a receiver RcvTimedOut. Stale keys are ignored.</summary>
    public void Timeout(long key)
    {
        if (_senders.Find(s => s.Key == key) is { } sender) ReturnSender(sender, MachMsgReturn.SendTimedOut);
        else if (_receivers.Find(r => r.Key == key) is { } receiver) EndWait(receiver, MachMsgReturn.RcvTimedOut);
        else if (_servedWithTimer?.Find(r => r.Key == key) is { } served) SeededLateTimeout(served);
    }

    /// <summary>Test-only seeded bug (<see cref="Hardware.SeededBugs.ReceiveTimeoutAfterDequeue"/>): a served receive's timeout wakes its thread with RcvTimedOut.</summary>
    private void SeededLateTimeout(Waiter served)
    {
        _servedWithTimer!.Remove(served);
        _effects.Add(new IpcEffect.Wake(served.Receiver.Reply, served.Channel, new MachMsgResult(MachMsgReturn.RcvTimedOut)));
    }

    /// <summary>
    /// thread_abort (<paramref name="wakeAborted"/>) or termination of a thread waiting here: a sender
    /// gets its message back with SendInterrupted (or, terminated, the message is destroyed); a
    /// receiver gets RcvInterrupted (or is forgotten). A wait no longer here is ignored.
    /// </summary>
    public void CancelWait(WaitChannel channel, bool wakeAborted)
    {
        if (_senders.Find(s => ReferenceEquals(s.Channel, channel)) is { } sender)
        {
            ReturnSender(sender, wakeAborted ? MachMsgReturn.SendInterrupted : null);
        }
        else if (_receivers.Find(r => ReferenceEquals(r.Channel, channel)) is { } receiver)
        {
            StopWaiting(receiver);
            if (wakeAborted) _effects.Add(new IpcEffect.Wake(receiver.Receiver.Reply, receiver.Channel, new MachMsgResult(MachMsgReturn.RcvInterrupted)));
        }
    }

    /// <summary>
    /// The receive right left its space in a message: waiting receivers get RcvPortDied; the port leaves
    /// its set. From a kernel port, the kernel object hands the right to a task (memory_object_terminate
    /// passing the control port): the port is an ordinary one in transit from now on, and later messages queue.
    /// </summary>
    public void ReceiveMoved()
    {
        if (Dead) return;
        Receiver = null;
        KernelObject = null;
        foreach (var w in _receivers.ToArray()) EndWait(w, MachMsgReturn.RcvPortDied);
        LeaveSet();
    }

    /// <summary>The receive right arrived in <paramref name="space"/>: mscount and seqno reset (spec 1.3).</summary>
    public void ReceiveArrived(IActorRef space)
    {
        if (Dead) return;
        Receiver = space;
        MsCount = 0;
        Seqno = 0;
        if (!_holders.Contains(space)) _holders.Add(space);
        QueueHeld();
    }

    /// <summary>
    /// Serves the head message (the queue is not empty) to <paramref name="receiver"/>. Too large for
    /// its buffer: with ReceiveLarge it stays queued and RcvTooLarge reports its size; otherwise it is
    /// dequeued, destroyed, and RcvTooLarge returns its header. Else it is dequeued (seqno stamped) and
    /// delivered to the receiver's space for copyout. A dequeue lets a blocked sender in.
    /// </summary>
    private void ServeOne(ReceiveWait receiver, WaitChannel? channel)
    {
        var head = _queue.First!.Value;
        if (head.Size > receiver.MaxSize)
        {
            var header = new MachMessage(new MsgHeader(PortName.Null, MsgType.None, PortName.Null, MsgType.None, head.Id)) { Seqno = Seqno };
            if ((receiver.Options & MachMsgOption.ReceiveLarge) == 0)
            {
                _queue.RemoveFirst();
                Seqno++;
                DestroyHere(head);
                AdmitBlockedSenders();
            }
            else if (Set is { } set)
            {
                _effects.Add(new IpcEffect.Tell(set.Actor, new SetMemberEnqueued(Self)));
            }
            Answer(receiver, channel, new MachMsgResult(MachMsgReturn.RcvTooLarge, header) { RequiredSize = head.Size });
            return;
        }
        _queue.RemoveFirst();
        Deliver(Dequeued(head), receiver, channel, null);
        AdmitBlockedSenders();
    }

    private void ServeReceivers()
    {
        while (_receivers.Count > 0 && _queue.Count > 0)
        {
            var waiter = _receivers[0];
            StopServed(waiter);
            ServeOne(waiter.Receiver, waiter.Channel);
        }
    }

    private void Deliver(KernelMessage message, ReceiveWait receiver, WaitChannel? channel, SendAnswer? then) =>
        _effects.Add(new IpcEffect.Tell(receiver.Space, new SpaceDeliver(message, receiver, channel, then)));

    private void Answer(ReceiveWait receiver, WaitChannel? channel, object result) =>
        _effects.Add(channel is null ? new IpcEffect.Answer(receiver.Reply, result) : new IpcEffect.Wake(receiver.Reply, channel, result));

    private void StopWaiting(Waiter waiter)
    {
        _receivers.Remove(waiter);
        CancelTimer(waiter.Key, waiter.Receiver.Timeout);
    }

    /// <summary>A waiting receiver is being served a message: it stops waiting and its timer is cancelled.</summary>
    private void StopServed(Waiter waiter)
    {
        if ((SeededBugs & Hardware.SeededBugs.ReceiveTimeoutAfterDequeue) != 0 && waiter.Receiver.Timeout is not null)
        {
            _receivers.Remove(waiter); // the seeded bug: the timer is left running
            (_servedWithTimer ??= []).Add(waiter);
            return;
        }
        StopWaiting(waiter);
    }

    private void EndWait(Waiter waiter, MachMsgReturn code)
    {
        StopWaiting(waiter);
        _effects.Add(new IpcEffect.Wake(waiter.Receiver.Reply, waiter.Channel, new MachMsgResult(code)));
    }

    /// <summary>
    /// A receive that may take the sender's CPU (spec 5.6): blocked, with no receive option beyond a
    /// timeout. The receive half of an RPC counts (its Send bit is the half already done), so a
    /// server's combined reply-and-receive hands the CPU to its client as GNU Mach's fast path does.
    /// </summary>
    private static bool IsPlainBlockedReceive(Waiter waiter) =>
        (waiter.Receiver.Options & ~(MachMsgOption.Send | MachMsgOption.Receive | MachMsgOption.ReceiveTimeout)) == 0;
}
