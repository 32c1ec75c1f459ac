using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// A port set's state (ipc/ipc_pset.c) as a plain class, hosted by the <see cref="PortSet"/> actor:
/// its members with the messages each has announced, and the threads waiting to receive from it.
/// Members announce themselves and their messages; a receive claims one announced message and asks
/// that member to dequeue it (<see cref="PortSetDequeue"/>), which may miss when the member has
/// changed meanwhile, and the receive is then served again. Members are served round-robin, so
/// none starves.
/// </summary>
/// <remarks>
/// INVARIANT: waiters exist only while no member has an announced, unclaimed message.
/// A thread_abort that arrives while its receive is claimed (between the claim and the member's
/// answer) is not seen: the receive completes, or waits on after a miss.
/// </remarks>
public sealed class PortSetState(PortRef self, Func<VirtualTime> now)
{
    private readonly List<(WaitChannel Channel, bool WakeAborted)> _cancelledInFlight = [];
    private readonly List<(PortRef Port, int Queued)> _members = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<IpcEffect> _effects = [];
    private int _next;
    private long _nextKey;

    private sealed record Waiter(ReceiveWait Receiver, WaitChannel Channel, long Key, VirtualTime? Deadline);

    /// <summary>The set's identity.</summary>
    public PortRef Self { get; } = self;

    /// <summary>True after the set was destroyed.</summary>
    public bool Destroyed { get; private set; }

    /// <summary>The members, in joining order.</summary>
    public IEnumerable<PortRef> Members => _members.Select(m => m.Port);

    /// <summary>Threads waiting.</summary>
    public int WaitingReceivers => _waiters.Count;

    /// <summary>The effects of the calls since the last take, in order; forgets them.</summary>
    public IReadOnlyList<IpcEffect> TakeEffects()
    {
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>
    /// A receive from the set (mach_msg on a port set name). Effects: destroyed set: RcvPortDied. A
    /// member with an announced message: it is asked to serve the receiver. Zero timeout: RcvTimedOut.
    /// Otherwise the thread parks (with its timer).
    /// </summary>
    public void Receive(ReceiveWait receiver)
    {
        VirtualTime? deadline = receiver.Timeout is { } t ? now() + t : null;
        Receive(receiver, null, deadline);
    }

    /// <summary>
    /// A member's answer to a claim: it had nothing. The receive is served again (it keeps its
    /// deadline), unless the wait was cancelled while the claim was out (<see cref="CancelWait"/>):
    /// then it ends RcvInterrupted (thread_abort) or is forgotten (termination).
    /// </summary>
    public void DequeueMiss(SetDequeueMiss miss)
    {
        if (miss.Channel is { } channel)
        {
            var i = _cancelledInFlight.FindIndex(c => ReferenceEquals(c.Channel, channel));
            if (i >= 0)
            {
                var wake = _cancelledInFlight[i].WakeAborted;
                _cancelledInFlight.RemoveAt(i);
                if (wake) _effects.Add(new IpcEffect.Wake(miss.Receiver.Reply, channel, new MachMsgResult(MachMsgReturn.RcvInterrupted)));
                return;
            }
        }
        Receive(miss.Receiver, miss.Channel, miss.Deadline);
    }

    /// <summary>A port joined with <paramref name="queued"/> messages; waiting receivers are served.</summary>
    public void MemberJoined(PortRef port, int queued)
    {
        var i = _members.FindIndex(m => m.Port == port);
        if (i >= 0) _members[i] = (port, queued);
        else _members.Add((port, queued));
        ServeWaiters();
    }

    /// <summary>A member announced one more message; a waiting receiver is served.</summary>
    public void MemberEnqueued(PortRef port)
    {
        var i = _members.FindIndex(m => m.Port == port);
        if (i < 0) return;
        _members[i] = (port, _members[i].Queued + 1);
        ServeWaiters();
    }

    /// <summary>A member left.</summary>
    public void MemberLeft(PortRef port)
    {
        var i = _members.FindIndex(m => m.Port == port);
        if (i < 0) return;
        _members.RemoveAt(i);
        if (_next > i) _next--;
    }

    /// <summary>The set was destroyed: waiting receivers get RcvPortDied; later receives too.</summary>
    public void Destroy()
    {
        Destroyed = true;
        foreach (var w in _waiters.ToArray()) End(w, MachMsgReturn.RcvPortDied);
        _members.Clear();
    }

    /// <summary>A timer fired: that waiter gets RcvTimedOut (stale keys are ignored).</summary>
    public void Timeout(long key)
    {
        if (_waiters.Find(w => w.Key == key) is { } waiter) End(waiter, MachMsgReturn.RcvTimedOut);
    }

    /// <summary>
    /// thread_abort (RcvInterrupted) or termination (forgotten) of a waiting thread. A wait that is not
    /// here may be out with a member (a claim): the cancel is kept, and if the member misses,
    /// <see cref="DequeueMiss"/> honours it; if the member serves the message, the receive completes
    /// (the abort came after it) and the kept cancel is never matched (one stale entry per such race).
    /// </summary>
    public void CancelWait(WaitChannel channel, bool wakeAborted)
    {
        if (_waiters.Find(w => ReferenceEquals(w.Channel, channel)) is not { } waiter)
        {
            _cancelledInFlight.Add((channel, wakeAborted));
            return;
        }
        if (wakeAborted) End(waiter, MachMsgReturn.RcvInterrupted);
        else Remove(waiter);
    }

    private void Receive(ReceiveWait receiver, WaitChannel? channel, VirtualTime? deadline)
    {
        if (Destroyed)
        {
            Answer(receiver, channel, new MachMsgResult(MachMsgReturn.RcvPortDied));
            return;
        }
        if (Claim() is { } port)
        {
            _effects.Add(new IpcEffect.Tell(port.Actor, new PortSetDequeue(receiver, channel, Self, deadline)));
            return;
        }
        var left = deadline is { } d ? d - now() : (Duration?)null;
        if (left is { Nanoseconds: <= 0 } || !receiver.Reply.FromThread)
        {
            Answer(receiver, channel, new MachMsgResult(MachMsgReturn.RcvTimedOut));
            return;
        }
        var waiter = new Waiter(receiver, channel ?? new WaitChannel(Self.Actor, $"receive {Self} (set)"), ++_nextKey, deadline);
        _waiters.Add(waiter);
        if (channel is null) _effects.Add(new IpcEffect.Block(receiver.Reply, waiter.Channel, receiver.Handoff));
        if (left is { } l) _effects.Add(new IpcEffect.StartTimer(waiter.Key, l));
    }

    private void ServeWaiters()
    {
        while (_waiters.Count > 0 && Claim() is { } port)
        {
            var waiter = _waiters[0];
            Remove(waiter);
            _effects.Add(new IpcEffect.Tell(port.Actor, new PortSetDequeue(waiter.Receiver, waiter.Channel, Self, waiter.Deadline)));
        }
    }

    /// <summary>The next member (round-robin) with an announced message, whose count is taken down; null when none.</summary>
    private PortRef? Claim()
    {
        for (var n = 0; n < _members.Count; n++)
        {
            var i = (_next + n) % _members.Count;
            if (_members[i].Queued <= 0) continue;
            _members[i] = (_members[i].Port, _members[i].Queued - 1);
            _next = (i + 1) % _members.Count;
            return _members[i].Port;
        }
        return null;
    }

    private void Remove(Waiter waiter)
    {
        _waiters.Remove(waiter);
        _effects.Add(new IpcEffect.CancelTimer(waiter.Key));
    }

    private void End(Waiter waiter, MachMsgReturn code)
    {
        Remove(waiter);
        _effects.Add(new IpcEffect.Wake(waiter.Receiver.Reply, waiter.Channel, new MachMsgResult(code)));
    }

    private void Answer(ReceiveWait receiver, WaitChannel? channel, object result) =>
        _effects.Add(channel is null ? new IpcEffect.Answer(receiver.Reply, result) : new IpcEffect.Wake(receiver.Reply, channel, result));
}
