using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>A task of the harness: its space, its actor node, its two threads.</summary>
internal sealed class TaskHost(int index, IpcNode node, IpcSpace space)
{
    public int Index { get; } = index;

    public IpcNode Node { get; } = node;

    public IpcSpace Space { get; } = space;

    public List<SimThread> Threads { get; } = [];
}

/// <summary>A thread of the harness: in no call, in a call (send, receive, port call), or blocked on a wait channel.</summary>
internal sealed class SimThread(long id, TaskHost task, IpcNode node)
{
    public long Id { get; } = id;

    public TaskHost Task { get; } = task;

    public IpcNode Node { get; } = node;

    /// <summary>"send", "receive" or "call" while in a call; null when idle.</summary>
    public string? Pending { get; set; }

    public WaitChannel? Channel { get; set; }

    /// <summary>The port a blocked send waits on.</summary>
    public long BlockedAt { get; set; }

    /// <summary>The thread was aborted while blocked, at rest: its call must end interrupted.</summary>
    public bool Aborted { get; set; }

    /// <summary>Messages this thread has sent (the counter of property 6).</summary>
    public long Sent { get; set; }

    public object? Result { get; set; }
}

/// <summary>
/// Drives the IPC state classes (<see cref="IpcSpace"/>, <see cref="PortState"/>, <see cref="PortSetState"/>)
/// directly, without actors: a deterministic router holds one FIFO mailbox per actor, fills it from
/// the Tell effects as they are produced (causal enqueue, per-sender FIFO), and handles the next
/// message of a mailbox chosen by the script's seed. Tasks are played as MachTask plays them
/// (Kern/MachTask.Ipc.cs); threads take answers, blocks and wakes. After each operation the router
/// runs until every mailbox is empty, and the kernel's state is compared with <see cref="IpcModel"/>.
/// Split: .Ops (the operations), .Reconcile (the comparison).
/// </summary>
internal sealed partial class IpcHarness
{
    /// <summary>msgh_id of the first program message (notifications use 64-72).</summary>
    public const int FirstMessageId = 1000;

    private const int MaxSteps = 20_000;

    private readonly Random _rng;
    private readonly List<IpcNode> _busy = [];
    private readonly List<TaskHost> _tasks = [];
    private readonly Dictionary<long, SimThread> _threads = [];
    private readonly Dictionary<long, (IpcNode Node, PortState State)> _ports = [];
    private readonly Dictionary<long, (IpcNode Node, PortSetState State)> _sets = [];
    private readonly List<(long Dest, int Id, uint Name)> _observedNotes = [];
    private readonly List<(IpcNode Node, long Key)> _timers = [];
    private readonly List<(IpcNode Node, long Key)> _firedTimers = [];
    private readonly IpcNode _pset = new("pset", 1, null);
    private readonly IpcModel _model;
    private long _nextId = 10;
    private int _nextMessage = FirstMessageId;
    private long _nextCall;
    private string _event = "boot";

    public IpcHarness(int tasks, int seed)
    {
        _rng = new Random(seed);
        _model = new IpcModel(Violations);
        for (var i = 0; i < tasks; i++)
        {
            var node = new IpcNode("task" + i, _nextId++, null);
            var host = new TaskHost(i, node, new IpcSpace(node));
            node.Host = host;
            _tasks.Add(host);
            _model.Tasks.Add(new MTask(i));
            for (var k = 0; k < 2; k++)
            {
                var id = _nextId++;
                var thread = new SimThread(id, host, new IpcNode($"thread{id}", id, null));
                host.Threads.Add(thread);
                _threads[id] = thread;
            }
        }
    }

    /// <summary>Everything that went wrong, each with the operation during which it was seen.</summary>
    public List<IpcViolation> Violations { get; } = [];

    /// <summary>The events of properties 6-8, in order.</summary>
    public List<IpcEvent> Log { get; } = [];

    /// <summary>The violations of <paramref name="property"/> (with general ones, 0), the log checkers' included.</summary>
    public IEnumerable<string> ViolationsOf(int property)
    {
        var log = property switch
        {
            6 => IpcChecks.SendOrderAndSeqnos(Log),
            7 => IpcChecks.QueueLimit(Log),
            8 => IpcChecks.BlockedSendersFifo(Log),
            _ => [],
        };
        return Violations.Where(v => v.Property == property || v.Property == 0).Select(v => v.ToString()).Concat(log.Select(v => $"({property}) {v}"));
    }

    private void Flag(int property, string text) => Violations.Add(new IpcViolation(property, $"{_event}: {text}"));

    private void Enqueue(IpcNode to, object message)
    {
        to.Mailbox.Enqueue(message);
        if (to.Mailbox.Count == 1) _busy.Add(to);
    }

    /// <summary>Delivers messages, one mailbox at a time in the seed's order, until none is left.</summary>
    private void Settle()
    {
        for (var steps = 0; _busy.Count > 0; steps++)
        {
            if (steps == MaxSteps)
            {
                Flag(0, $"messages still flowing after {MaxSteps} deliveries (a livelock)");
                foreach (var node in _busy) node.Mailbox.Clear();
                _busy.Clear();
                return;
            }
            var i = _rng.Next(_busy.Count);
            var target = _busy[i];
            var message = target.Mailbox.Dequeue();
            if (target.Mailbox.Count == 0) _busy.RemoveAt(i);
            switch (target.Host)
            {
                case TaskHost task:
                    StepTask(task, message);
                    break;
                case PortState port:
                    StepPort(target, port, message);
                    break;
                case PortSetState set:
                    StepSet(target, set, message);
                    break;
                default:
                    Flag(0, $"{message} was sent to {target}, which takes no messages");
                    break;
            }
        }
    }

    /// <summary>Carries out effects produced by <paramref name="from"/>: tells go to mailboxes; answers, blocks and wakes to threads.</summary>
    private void Apply(IpcNode from, IReadOnlyList<IpcEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case IpcEffect.Tell t:
                    if (t.Message is PortEnqueue { Sender: null, Message: var note } && note.Id is NotifyIds.DeadName or NotifyIds.PortDeleted or NotifyIds.NoSenders)
                    {
                        var named = note.Body.Select(b => (b as KernelItem.Data)?.Item).OfType<MsgItem.Port>().FirstOrDefault();
                        _observedNotes.Add((note.Destination.Id, note.Id, named?.Name.Value ?? 0));
                    }
                    Enqueue((IpcNode)t.To, t.Message);
                    break;
                case IpcEffect.Answer a:
                    Complete(a.Reply, a.Result, null);
                    break;
                case IpcEffect.Block b:
                    var blocked = ThreadOf(b.Reply);
                    if (blocked is null || blocked.Pending is null || blocked.Channel is not null) Flag(0, $"{from} blocked a thread that is not in a call");
                    else
                    {
                        blocked.Channel = b.Channel;
                        if (blocked.Pending == "send" && from.Host is PortState port)
                        {
                            blocked.BlockedAt = port.Self.Id;
                            Log.Add(new IpcEvent.SenderBlocked(port.Self.Id, blocked.Id));
                        }
                    }
                    break;
                case IpcEffect.Wake w:
                    Complete(w.Reply, w.Result, w.Channel);
                    break;
                case IpcEffect.StartTimer s:
                    _timers.Add((from, s.Key));
                    break;
                case IpcEffect.CancelTimer c:
                    if (_timers.Remove((from, c.Key))) _firedTimers.Add((from, c.Key));
                    break;
            }
        }
    }

    private SimThread? ThreadOf(CallerReply reply) => reply.CallerThread is { } id ? _threads.GetValueOrDefault(id) : null;

    /// <summary>A thread's call ends (answered in the call, or woken from <paramref name="channel"/>).</summary>
    private void Complete(CallerReply reply, object result, WaitChannel? channel)
    {
        var thread = ThreadOf(reply);
        if (thread is null || thread.Pending is null)
        {
            Flag(0, $"{thread?.Id.ToString() ?? "an unknown thread"} was answered ({result}) but is in no call");
            return;
        }
        if (!ReferenceEquals(thread.Channel, channel))
        {
            Flag(0, $"thread {thread.Id} was {(channel is null ? "answered" : "woken")} with {result}, but it {(thread.Channel is null ? "is not blocked" : "waits on " + thread.Channel)}");
            return;
        }
        if (channel is not null && thread.Pending == "send")
        {
            Log.Add(result is MachMsgResult { Return: MachMsgReturn.Success }
                ? new IpcEvent.SenderResumed(thread.BlockedAt, thread.Id) : new IpcEvent.SenderGaveUp(thread.BlockedAt, thread.Id));
        }
        thread.Pending = null;
        thread.Channel = null;
        thread.Result = result;
    }

    /// <summary>Plays Port.OnReceive, observing the dequeues (6), the queue after a normal send (7) and sends through send-once rights (3).</summary>
    private void StepPort(IpcNode node, PortState p, object message)
    {
        var id = p.Self.Id;
        var before = p.QueuedMessages.ToHashSet(ReferenceEqualityComparer.Instance);
        var held = p.QueuedMessages.Concat(p.BlockedMessages).Select(m => m.Id).ToList();
        if (message is PortEnqueue { Message: var incoming }) held.Add(incoming.Id);
        switch (message)
        {
            case PortEnqueue e:
                if (e.Rights is { } rc) p.RightsChanged(rc.Send, rc.SendOnce, rc.MadeSend);
                if (e.Message.DestinationRight == MsgType.PortSendOnce && _model.Ports.TryGetValue(id, out var mp)) mp.SoUsed++;
                p.Enqueue(e.Message, e.Sender);
                break;
            case PortReceive r: p.Receive(r.Receiver); break;
            case PortRightsChanged c: p.RightsChanged(c.Send, c.SendOnce, c.MadeSend); break;
            case PortHolderAdded h: p.HolderAdded(h.Space); break;
            case PortHolderRemoved h: p.HolderRemoved(h.Space); break;
            case PortReceiveMoved: p.ReceiveMoved(); break;
            case PortReceiveArrived a:
                p.ReceiveArrived(a.Space);
                Log.Add(new IpcEvent.ReceiveArrived(id));
                break;
            case PortDestroyReceive: p.DestroyReceive(); break;
            case PortSetQLimit q: p.SetQLimit(q.QLimit); break;
            case PortMoveMember m: p.MoveMember(m.Set); break;
            case PortRequestNotification n: p.RequestNotification(n); break;
            case PortSetDequeue d: p.SetDequeue(d); break;
            case IpcTimeout t: p.Timeout(t.Key); break;
            case CancelWait c: p.CancelWait(c.Channel, c.WakeAborted); break;
            default:
                Flag(0, $"port {id} got {message}");
                break;
        }
        var effects = p.TakeEffects();
        if (p.QueuedMessages.Any(m => !before.Contains(m) && m.DestinationRight == MsgType.PortSend)) Log.Add(new IpcEvent.NormalQueued(id, p.MsgCount, p.QLimit));
        foreach (var deliver in effects.OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<SpaceDeliver>())
        {
            var m = deliver.Message;
            var (thread, counter) = m.Id >= FirstMessageId && m.Body is [KernelItem.Data { Item: MsgItem.Int32 t }, KernelItem.Data { Item: MsgItem.Int32 c }, ..]
                ? (t.Value, c.Value) : (-1L, -1L);
            Log.Add(new IpcEvent.Dequeued(id, m.Seqno, thread, counter));
        }
        // Messages that left the port without going to a space were destroyed here, now.
        var left = held.Where(m => m >= FirstMessageId).Except(p.QueuedMessages.Concat(p.BlockedMessages).Select(m => m.Id))
            .Except(effects.OfType<IpcEffect.Tell>().Select(t => t.Message switch { SpaceDeliver d => d.Message.Id, SpaceSendReturned r => r.Message.Id, _ => 0 }));
        foreach (var gone in left)
        {
            if (_model.Messages.TryGetValue(gone, out var m) && m.Live) _model.Destroyed(m);
        }
        Apply(node, effects);
    }

    private void StepSet(IpcNode node, PortSetState s, object message)
    {
        switch (message)
        {
            case SetReceive r: s.Receive(r.Receiver); break;
            case SetDequeueMiss m: s.DequeueMiss(m); break;
            case SetMemberJoined j: s.MemberJoined(j.Port, j.Queued); break;
            case SetMemberEnqueued e: s.MemberEnqueued(e.Port); break;
            case SetMemberLeft l: s.MemberLeft(l.Port); break;
            case SetDestroyed: s.Destroy(); break;
            case IpcTimeout t: s.Timeout(t.Key); break;
            case CancelWait c: s.CancelWait(c.Channel, c.WakeAborted); break;
            default:
                Flag(0, $"set {s.Self.Id} got {message}");
                break;
        }
        Apply(node, s.TakeEffects());
    }
}
