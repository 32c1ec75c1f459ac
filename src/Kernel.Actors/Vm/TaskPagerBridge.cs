using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The pager of a memory object whose real pager is a task (docs/VM.md, "Task pagers"): the VM object
/// sees this actor as its pager (so it is unchanged); every <see cref="PagerMessage"/> becomes a
/// <c>memory_object</c> message on the task's pager port, carrying a send right to the incarnation's
/// control port, a kernel port whose kernel object is this actor; a <c>memory_object_control</c>
/// message the task sends there becomes the <see cref="PagerControlMessage"/> the VM object takes.
/// Conversions: <see cref="TaskPagerCodec"/>. A child of the pager's task, which stops it when the
/// task ends: the VM object and the resident memory watch it, so the pager-death path (R11) runs.
/// </summary>
public sealed class TaskPagerBridge : Actor
{
    private readonly CarriedRight _pager;
    private readonly long _key;
    private readonly int _pageSize;
    private readonly IActorRef _memory;
    private readonly IActorRef _task;
    private readonly Dictionary<long, ControlIncarnation> _byPort = [];
    private readonly Dictionary<ControlIncarnation, PortRef> _ports = [];
    private readonly Dictionary<IActorRef, ControlIncarnation> _relays = []; // reply_to relays not yet answered
    private CallerReply? _reply;

    /// <summary>A bridge to the pager port <paramref name="pager"/> (a send right the bridge now owns) for the pager's object <paramref name="key"/>.</summary>
    /// <param name="pager">The send right to the task's pager port.</param>
    /// <param name="key">The pager's key (carried in init).</param>
    /// <param name="pageSize">The kernel's page size.</param>
    /// <param name="memory">The resident memory, which makes the memory object port.</param>
    /// <param name="task">The pager's task, told the port once it is made.</param>
    /// <param name="reply">The caller of memory_object_create.</param>
    internal TaskPagerBridge(CarriedRight pager, long key, int pageSize, IActorRef memory, IActorRef task, CallerReply reply)
    {
        _pager = pager;
        _key = key;
        _pageSize = pageSize;
        _memory = memory;
        _task = task;
        _reply = reply;
    }

    /// <summary>Asks the resident memory for the memory object port this bridge serves, and the pager port to tell the bridge of its death (as a holder of a right to it).</summary>
    protected override void PreStart()
    {
        _pager.Port?.Actor.Tell(new PortHolderAdded(Self), Self);
        _memory.Tell(new MemoryObjectPortCreate(_key, Self), Self);
    }

    /// <summary>Releases the send right to the pager port; the control ports and the reply relays (children) go with the bridge.</summary>
    protected override void PostStop()
    {
        _pager.Port?.Actor.Tell(new PortHolderRemoved(Self), Self);
        Release(_pager);
    }

    /// <summary>
    /// MemoryObjectPortCreated: the task names the port for the caller (<see cref="TaskPagerBound"/>).
    /// PagerMessage (from the VM object): sent to the pager port as its memory_object message (a first
    /// message of an incarnation makes its control port; terminate carries its receive right to the
    /// pager, as Mach's, and expires the incarnation's unanswered reply relays; calls a task pager never gets are dropped).
    /// KernelPortMessage on a control port: decoded and told to the VM object (a reply_to form's reply
    /// right goes to a new <see cref="TaskPagerReply"/> relay, the call's ReplyTo); an unknown port or a
    /// bad message is dropped; no reply (simpleroutines), the message's other rights are released.
    /// TaskPagerReplyDue (a relay's completion): sent through the reply right (the control right it
    /// carries is dead when the incarnation already ended). SpacePortDied of the pager port (its receive right was destroyed,
    /// the pager is gone): the bridge stops, so its VM objects take the pager-death path. Anything else: unhandled.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case MemoryObjectPortCreated created when _reply is { } reply:
                _reply = null;
                _task.Tell(new TaskPagerBound(created.Port, reply), Self);
                break;
            case PagerMessage pager:
                ToPager(pager);
                break;
            case KernelPortMessage arrived:
                FromPager(arrived.Message);
                break;
            case TaskPagerReplyDue due:
                ToReplyPort(due);
                break;
            case SpacePortDied died when died.Port.Id == _pager.Port?.Id:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void ToPager(PagerMessage message)
    {
        if (TaskPagerCodec.Encode(message, _key) is not { } encoded || _pager.Port is not { } pager) return;
        pager.Actor.Tell(new PortRightsChanged(1, 0, 0), Self); // the copy of the bridge's send right, counted first
        var control = ControlOf(message) is { } incarnation ? CarriedRight.Send(PortOf(incarnation)) : CarriedRight.Null;
        if (message is Terminate { Control: var ended } && _ports.Remove(ended, out var port))
        {
            _byPort.Remove(port.Id);
            port.Actor.Tell(PortReceiveMoved.Instance, Self); // the receive right leaves the kernel: the port queues from now on
            Send(encoded, CarriedRight.Send(pager), CarriedRight.Receive(port));
            foreach (var (relay, of) in _relays.ToArray())
            {
                if (of != ended) continue;
                _relays.Remove(relay);
                relay.Tell(TaskPagerReplyExpired.Instance, Self);
            }
            return;
        }
        Send(encoded, CarriedRight.Send(pager), control);
    }

    /// <summary>A completion through a call's reply right (moved into the message); its control right is dead once the incarnation ended.</summary>
    private void ToReplyPort(TaskPagerReplyDue due)
    {
        _relays.Remove(Sender);
        if (TaskPagerCodec.Encode(due.Completion, _key) is not { } encoded || !due.To.HoldsRight)
        {
            Release(due.To);
            return;
        }
        var control = ControlOf(due.Completion) switch
        {
            null => CarriedRight.Null,
            { } incarnation when _ports.TryGetValue(incarnation, out var port) => CarriedRight.Send(port),
            _ => CarriedRight.Dead,
        };
        Send(encoded, due.To, control);
    }

    /// <summary>
    /// Sends <paramref name="encoded"/> through <paramref name="to"/> (a kernel send: never blocks); the
    /// control port's item carries <paramref name="control"/>: a send right made from it, its receive
    /// right (terminate), or DEAD.
    /// </summary>
    private void Send(MachMessage encoded, CarriedRight to, CarriedRight control)
    {
        var body = ImmutableArray.CreateBuilder<KernelItem>(encoded.Body.Length);
        foreach (var item in encoded.Body)
        {
            if (item is MsgItem.Port { Name: var name } && name == TaskPagerCodec.ControlName && (control.HoldsRight || control.IsDead))
            {
                var receive = control.Right == MsgType.PortReceive;
                if (!receive) control.Port?.Actor.Tell(new PortRightsChanged(1, 0, 1), Self); // a send right made from the control port
                body.Add(new KernelItem.Rights([control], receive ? MsgType.PortReceive : MsgType.PortSend, IsArray: false, OutOfLine: false));
            }
            else body.Add(new KernelItem.Data(item));
        }
        var sent = new KernelMessage(to.Port!, to.Right, CarriedRight.Null, encoded.Header.Id, body.MoveToImmutable(), encoded.Size);
        to.Port!.Actor.Tell(new PortEnqueue(sent, null), Self);
    }

    private void FromPager(KernelMessage message)
    {
        var request = new KernelPortRequest(message);
        if (_byPort.TryGetValue(message.Destination.Id, out var incarnation)
            && TaskPagerCodec.Decode(request.Message, incarnation, _pageSize, Self, name => Relay(request.Take(name), incarnation)) is { } decoded)
        {
            incarnation.Object.Tell(decoded, Self);
        }
        request.Abandon(Self);
    }

    /// <summary>A relay holding the reply right <paramref name="right"/> for a call of <paramref name="incarnation"/>; null (no completion) when the call carried none.</summary>
    private IActorRef? Relay(CarriedRight right, ControlIncarnation incarnation)
    {
        if (!right.HoldsRight)
        {
            Release(right);
            return null;
        }
        var relay = Context.Spawn(Props.Create(() => new TaskPagerReply(right)));
        _relays[relay] = incarnation;
        return relay;
    }

    /// <summary>Releases a right the bridge holds (its port's counts change).</summary>
    private void Release(CarriedRight right)
    {
        var effects = new List<IpcEffect>();
        Notifications.Release(right, effects);
        SpecialPorts.Apply(effects, Self);
    }

    private PortRef PortOf(ControlIncarnation incarnation)
    {
        if (_ports.TryGetValue(incarnation, out var port)) return port;
        var actor = Context.Spawn(Port.ForKernelObject(Self));
        port = new PortRef(actor.Id.Value, actor);
        _ports[incarnation] = port;
        _byPort[port.Id] = incarnation;
        return port;
    }

    private static ControlIncarnation? ControlOf(PagerMessage message) => message switch
    {
        MemoryObjectInit m => m.Control,
        DataRequest m => m.Control,
        DataUnlock m => m.Control,
        DataReturn m => m.Control,
        LockCompleted m => m.Control,
        SupplyCompleted m => m.Control,
        Terminate m => m.Control,
        _ => null,
    };
}
