using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Message accounting (docs/IPC.md rule 8: the kernel "never drops a message without accounting for
/// it"). Every message sent to a port (a thread's mach_msg send or a kernel send: a
/// <see cref="PortEnqueue"/>) ends exactly once, in one of the <see cref="MessageEnd"/>s: received
/// (the port hands it to a space: <see cref="SpaceDeliver"/>), pseudo-received
/// (<see cref="SpaceSendReturned"/>), taken by a kernel object (<see cref="KernelPortMessage"/>),
/// destroyed with its port, sent to a dead port, destroyed for carrying its own port's receive right,
/// or left queued at the end. Everything is read from the trace: what each actor sends and is
/// handed, and port deaths (<see cref="PortDestroyReceive"/> handed to a port that does not pass its
/// receive right on to a port-destroyed request). Safety: a port takes, hands out or a space
/// receives a message that is not on its way there (duplicated or received twice); a message or
/// space answer sent to a stopped actor (lost); with <c>expectDrained</c>, a message still queued on
/// a live port at the end (lost: the scenario's receivers take everything); a received message whose
/// wake (<see cref="WakeThread"/>) comes to a wait already woken (the thread returned without it: lost
/// after the copyout). Hot while a message is
/// in a mailbox on its way to a port or a space. Not observable from the trace, so not checked: a
/// message a live port destroys itself (a too-large receive, a terminated blocked sender) stays
/// "queued" here.
/// </summary>
/// <param name="expectDrained">Every message sent to a live port must be received by the end (the scenario receives everything it sends).</param>
public sealed class MessageAccountingMonitor(bool expectDrained = false) : SpecMonitor
{
    private readonly MessageBag _toPorts = new();
    private readonly MessageBag _toSpaces = new();
    private readonly Dictionary<long, MessageBag> _queued = [];
    private readonly HashSet<long> _dead = [];
    private static readonly int EndCount = Enum.GetValues<MessageEnd>().Length;
    private readonly long[] _ends = new long[EndCount];
    private readonly HashSet<WaitChannel> _woken = new(ReferenceEqualityComparer.Instance);
    private long? _dying; // a port handed PortDestroyReceive in the step now running (it may pass its receive right to a backup instead)
    private bool _ended;

    /// <summary>Messages threads sent (mach_msg sends that reached the kernel's port protocol).</summary>
    public long ThreadSends { get; private set; }

    /// <summary>Messages the kernel sent (notifications, MIG replies, exception messages).</summary>
    public long KernelSends { get; private set; }

    /// <summary>Messages that ended as <paramref name="end"/>.</summary>
    public long Count(MessageEnd end) => _ends[(int)end];

    /// <summary>The counts by ending, for reports.</summary>
    public override string ToString() =>
        $"{ThreadSends} thread and {KernelSends} kernel sends; " + string.Join(", ", Enum.GetValues<MessageEnd>().Select(e => $"{e} {Count(e)}"));

    /// <summary>Watches sends (ports handing messages out, spaces sending them) and dead letters as well as deliveries.</summary>
    public override void OnEvent(in TraceEvent e)
    {
        if (_ended) return;
        if (_dying is { } dying && !(e.Kind == TraceKind.Send && e.Actor == dying)) Died(dying);
        switch (e.Kind)
        {
            case TraceKind.Send:
                Sent(e.Actor, e.Message);
                break;
            case TraceKind.DeadLetter when e.Message is PortEnqueue or SpaceDeliver or SpaceSendReturned:
                Assert(false, $"a{e.Actor} is stopped: {e.Message!.GetType().Name} from a{e.Other} is lost ({Describe(e.Message)})");
                break;
        }
        base.OnEvent(e);
        if (_toPorts.Count + _toSpaces.Count > 0) Hot();
        else Cold();
    }

    /// <inheritdoc />
    protected override string DescribeHot() => $"{_toPorts.Count} message(s) on the way to a port, {_toSpaces.Count} to a space";

    private void Sent(int sender, object? message)
    {
        switch (message)
        {
            case PortEnqueue pe:
                if (pe.Sender is null) KernelSends++;
                else ThreadSends++;
                _toPorts.Add(pe.Message);
                break;
            case SpaceDeliver d:
                HandedOut(sender, d.Message, "delivered");
                _toSpaces.Add(d.Message);
                break;
            case SpaceSendReturned r:
                HandedOut(sender, r.Message, "returned to its sender");
                _toSpaces.Add(r.Message);
                break;
            case KernelPortMessage k:
                HandedOut(sender, k.Message, "given to its kernel object");
                _ends[(int)MessageEnd.KernelConsumed]++;
                break;
        }
        if (message is PortEnqueue { Message.Id: NotifyIds.PortDestroyed } backup && _dying == sender
            && backup.Message.CarriedRights().Any(r => r.Right == MsgType.PortReceive && r.Port!.Id == sender))
        {
            _dying = null; // the receive right went to the port-destroyed request: the port lives on, in transit
        }
    }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        switch (message)
        {
            case PortEnqueue pe:
                Assert(_toPorts.Take(pe.Message), $"port a{receiver} took a message nobody sent it, or took one twice: {Describe(pe.Message)}");
                Arrived(receiver, pe.Message);
                break;
            case SpaceDeliver d:
                Assert(_toSpaces.Take(d.Message), $"space a{receiver} received a message its port did not hand out, or received it twice: {Describe(d.Message)}");
                _ends[(int)MessageEnd.Received]++;
                break;
            case SpaceSendReturned r:
                Assert(_toSpaces.Take(r.Message), $"space a{receiver} got back a message its port did not return, or got it twice: {Describe(r.Message)}");
                _ends[(int)MessageEnd.PseudoReceived]++;
                break;
            case PortDestroyReceive when !_dead.Contains(receiver):
                _dying = receiver;
                break;
            case WakeThread w:
                Woken(w);
                break;
        }
    }

    /// <summary>A wait ends once: a received message brought to a wait that already ended never reaches its thread.</summary>
    private void Woken(WakeThread w)
    {
        var first = _woken.Add(w.Channel);
        if (w.Result is MachMsgResult { Return: MachMsgReturn.Success, Message: { } m })
        {
            Assert(first, $"thread {w.ThreadId} was woken with a received message (id {m.Header.Id}) after its wait on {w.Channel} had ended: the message is lost");
        }
    }

    private void Arrived(long port, KernelMessage message)
    {
        if (_dead.Contains(port)) _ends[(int)MessageEnd.SentToDeadPort]++;
        else if (message.CarriesReceiveOf(message.Destination)) _ends[(int)MessageEnd.CarriedOwnReceiveRight]++;
        else Queue(port).Add(message);
    }

    private void HandedOut(int port, KernelMessage message, string what) =>
        Assert(Queue(port).Take(message), $"port a{port} {what} a message it did not hold (duplicated or handed out twice): {Describe(message)}");

    private MessageBag Queue(long port)
    {
        if (!_queued.TryGetValue(port, out var bag)) _queued[port] = bag = new MessageBag();
        return bag;
    }

    private void Died(long port)
    {
        _dying = null;
        _dead.Add(port);
        if (_queued.Remove(port, out var bag)) _ends[(int)MessageEnd.DestroyedWithPort] += bag.Count;
    }

    /// <summary>
    /// The run ended: messages still in mailboxes are counted as in flight (the end condition stopped the
    /// run; a run that stops on quiescence or its time limit with them is judged hot before this), queued
    /// ones as left queued; with <c>expectDrained</c> a message left on a live port is a violation.
    /// </summary>
    public override void OnEnd()
    {
        if (_dying is { } dying) Died(dying);
        _ended = true;
        _ends[(int)MessageEnd.InFlightAtEnd] += _toPorts.TakeAll().Count + _toSpaces.TakeAll().Count;
        foreach (var (port, bag) in _queued)
        {
            var left = bag.TakeAll();
            _ends[(int)MessageEnd.LeftQueued] += left.Count;
            if (left.Count > 0) Assert(!expectDrained, $"{left.Count} message(s) sent to live port a{port} were never received (lost), first: {Describe(left[0])}");
        }
        Cold();
    }

    private static string Describe(object message) => message is KernelMessage m
        ? $"id {m.Id} to {m.Destination}, body [{string.Join(", ", m.Body.Select(Describe))}]"
        : TraceEvent.Describe(message);

    private static string Describe(KernelItem item) => item switch
    {
        KernelItem.Data { Item: MsgItem.Int32 i } => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        KernelItem.Rights r => string.Join(" ", r.Carried),
        _ => item.GetType().Name,
    };
}
