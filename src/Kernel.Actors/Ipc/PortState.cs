using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// One port's kernel state (ipc/ipc_port.c, ipc_mqueue.c) as a plain class, hosted by the
/// <see cref="Port"/> actor: its queue with qlimit, seqno, mscount, srights/sorights, the spaces that
/// name it, blocked senders (FIFO), waiting receivers, its set, its no-senders and port-destroyed
/// requests, and its death. Every event is a method call; everything it does outside goes out as
/// <see cref="IpcEffect"/>s (<see cref="TakeEffects"/>). Split by concern: .Send, .Receive, .Death.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Waiting receivers exist only while the queue is empty, the port is alive and not in a set.
/// 2. Blocked senders exist only while the queue is full (msgcount &gt;= qlimit) and the port is alive.
/// 3. Every message that leaves the queue is delivered (seqno stamped, destination right consumed)
///    or destroyed (its rights released); none is dropped without that.
/// </remarks>
public sealed partial class PortState
{
    private readonly LinkedList<KernelMessage> _queue = new();
    private readonly List<IActorRef> _holders = [];
    private readonly List<IpcEffect> _effects = [];

    /// <summary>A send's Success, shared: the result is immutable and carries no message (every send answered here allocated its own).</summary>
    private static readonly MachMsgResult Sent = new(MachMsgReturn.Success);
    private (int Sync, CarriedRight Notify)? _noSenders;
    private CarriedRight? _portDestroyed;
    private long _nextKey;
    private string? _receiveWhat; // the wait channels' descriptions, made once per port
    private string? _sendWhat;

    /// <summary>A new port whose receive right is held by <paramref name="receiver"/> (null: in transit).</summary>
    /// <param name="self">The port's identity.</param>
    /// <param name="receiver">The space holding the receive right (also registered as a holder).</param>
    public PortState(PortRef self, IActorRef? receiver)
        : this(self, receiver, null)
    {
    }

    /// <summary>
    /// A new port. With <paramref name="kernelObject"/> it is a kernel port (docs/IPC.md rule 7): the
    /// kernel holds its receive right, and every message sent to it is handed to that object at once
    /// (<see cref="KernelPortMessage"/>) instead of being queued.
    /// </summary>
    /// <param name="self">The port's identity.</param>
    /// <param name="receiver">The space holding the receive right (null for a kernel port).</param>
    /// <param name="kernelObject">The kernel object behind the port, or null for an ordinary port.</param>
    public PortState(PortRef self, IActorRef? receiver, IActorRef? kernelObject)
    {
        Self = self;
        Receiver = receiver;
        KernelObject = kernelObject;
        if (receiver is not null) _holders.Add(receiver);
    }

    /// <summary>Test-only: seeded bugs (the port ones of <see cref="Hardware.SeededBugs"/>); none by default.</summary>
    internal Hardware.SeededBugs SeededBugs { get; init; }

    /// <summary>The kernel object that receives the port's messages, or null for a port a space receives on (or once the kernel object handed its receive right to a task: <see cref="ReceiveMoved"/>).</summary>
    public IActorRef? KernelObject { get; private set; }

    /// <summary>The port's identity.</summary>
    public PortRef Self { get; }

    /// <summary>The space holding the receive right, or null while the right is in transit (or the port is dead).</summary>
    public IActorRef? Receiver { get; private set; }

    /// <summary>True once the port has died.</summary>
    public bool Dead { get; private set; }

    /// <summary>The queue limit.</summary>
    public int QLimit { get; private set; } = IpcLimits.QLimitDefault;

    /// <summary>The sequence number the next dequeued message gets.</summary>
    public long Seqno { get; private set; }

    /// <summary>The make-send count.</summary>
    public int MsCount { get; private set; }

    /// <summary>Send rights in existence (one per holding space plus one per right in transit).</summary>
    public int SRights { get; private set; }

    /// <summary>Send-once rights in existence.</summary>
    public int SORights { get; private set; }

    /// <summary>Queued messages.</summary>
    public int MsgCount => _queue.Count;

    /// <summary>The port set it is in, or null.</summary>
    public PortRef? Set { get; private set; }

    /// <summary>The spaces that name the port, in registration order.</summary>
    public IReadOnlyList<IActorRef> Holders => _holders;

    /// <summary>The queued messages, head first (read-only inspection for tests).</summary>
    internal IEnumerable<KernelMessage> QueuedMessages => _queue;

    /// <summary>The messages of the blocked senders, longest-blocked first (read-only inspection for tests).</summary>
    internal IEnumerable<KernelMessage> BlockedMessages => _senders.Select(s => s.Message);

    /// <summary>The effects of the calls since the last take, in order; forgets them.</summary>
    public IReadOnlyList<IpcEffect> TakeEffects()
    {
        if (_effects.Count == 0) return [];
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>Carries out the effects of the calls since the last take, in order, as the actor of <paramref name="context"/>, and forgets them (the host's <see cref="TakeEffects"/> without the copy).</summary>
    public void ApplyEffects(IActorContext context)
    {
        if (_effects.Count == 0) return;
        IpcEffects.Apply(_effects, context);
        _effects.Clear();
    }

    /// <summary>The status mach_port_get_receive_status reports.</summary>
    public PortStatus Status() =>
        new(KernReturn.Success, Seqno, MsCount, QLimit, _queue.Count, SRights, SORights, Set is not null, Dead, _senders.Count, _receivers.Count);

    /// <summary>
    /// Accounting from a space (rule 3) or a message destroyer. Effects: when srights falls to 0 with
    /// a no-senders request, the no-senders notification (mscount) goes to its right.
    /// </summary>
    public void RightsChanged(int send, int sendOnce, int madeSend)
    {
        if (Dead) return;
        MsCount += madeSend;
        SRights += send;
        SORights += sendOnce;
        if (send < 0) CheckNoSenders();
    }

    /// <summary>A space names the port now. Effects: <see cref="SpacePortDied"/> at once when dead.</summary>
    public void HolderAdded(IActorRef space)
    {
        if (Dead)
        {
            _effects.Add(new IpcEffect.Tell(space, new SpacePortDied(Self)));
            return;
        }
        if (!_holders.Contains(space)) _holders.Add(space);
    }

    /// <summary>A space no longer names the port.</summary>
    public void HolderRemoved(IActorRef space) => _holders.Remove(space);

    /// <summary>mach_port_set_qlimit (checked by the space): raising the limit lets blocked senders in.</summary>
    public void SetQLimit(int qlimit)
    {
        if (Dead) return;
        QLimit = Math.Clamp(qlimit, 0, IpcLimits.QLimitMax);
        AdmitBlockedSenders();
    }

    /// <summary>mach_port_set_mscount (checked by the space): the make-send count becomes <paramref name="msCount"/>; no notification fires.</summary>
    public void SetMsCount(int msCount)
    {
        if (!Dead) MsCount = msCount;
    }

    /// <summary>mach_port_set_seqno (checked by the space): the next dequeued message gets <paramref name="seqno"/>.</summary>
    public void SetSeqno(long seqno)
    {
        if (!Dead) Seqno = seqno;
    }

    /// <summary>
    /// Registers (or cancels) a no-senders or port-destroyed request. Effects: the space gets
    /// <see cref="SpaceRequestDone"/> with the previous right; a no-senders request with srights 0
    /// and mscount &gt;= sync fires at once. On a dead port the new right is released and the
    /// answer is InvalidName.
    /// </summary>
    public void RequestNotification(PortRequestNotification request)
    {
        if (Dead || Receiver != request.Space)
        {
            Notifications.Release(request.Notify, _effects);
            _effects.Add(new IpcEffect.Tell(request.Space, new SpaceRequestDone(request.Reply, CarriedRight.Null, KernReturn.InvalidRight)));
            return;
        }
        var previous = CarriedRight.Null;
        if (request.Variant == NotifyIds.NoSenders)
        {
            if (_noSenders is { } old) previous = old.Notify;
            _noSenders = request.Notify.HoldsRight ? (request.Sync, request.Notify) : null;
        }
        else
        {
            if (_portDestroyed is { } old) previous = old;
            _portDestroyed = request.Notify.HoldsRight ? request.Notify : null;
        }
        _effects.Add(new IpcEffect.Tell(request.Space, new SpaceRequestDone(request.Reply, previous, KernReturn.Success)));
        if (_noSenders is { } ns && SRights == 0 && MsCount >= ns.Sync) CheckNoSenders();
    }

    /// <summary>Joins <paramref name="set"/> (leaving any other) or leaves (null). Effects: the sets are told; direct receivers get RcvPortChanged.</summary>
    public void MoveMember(PortRef? set)
    {
        if (Dead) return;
        LeaveSet();
        if (set is null) return;
        Set = set;
        foreach (var w in _receivers.ToArray()) EndWait(w, MachMsgReturn.RcvPortChanged);
        _effects.Add(new IpcEffect.Tell(set.Actor, new SetMemberJoined(Self, _queue.Count)));
    }

    private void LeaveSet()
    {
        if (Set is not { } set) return;
        Set = null;
        _effects.Add(new IpcEffect.Tell(set.Actor, new SetMemberLeft(Self)));
    }

    private void CheckNoSenders()
    {
        if (SRights != 0 || _noSenders is not { } request) return;
        _noSenders = null;
        Notifications.Send(Notifications.NoSenders(request.Notify, MsCount), _effects);
    }

    private long NextKey() => ++_nextKey;

    /// <summary>
    /// Cancels the timer of wait <paramref name="key"/>, if it has one: a parked wait has a timer
    /// exactly when its <paramref name="timeout"/> is set (a zero timeout never parks).
    /// </summary>
    private void CancelTimer(long key, Duration? timeout)
    {
        if (timeout is not null) _effects.Add(new IpcEffect.CancelTimer(key));
    }
}
