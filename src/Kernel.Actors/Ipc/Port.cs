using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// A port: a thin actor host for its <see cref="PortState"/>. It takes the IPC protocol's messages
/// from spaces, port sets, other ports and timers, and the scheduler's <see cref="CancelWait"/> for
/// threads blocked on it (it owns their wait channels), and carries out the state's effects.
/// </summary>
public sealed class Port : Actor
{
    private readonly IActorRef? _receiver;
    private readonly IActorRef? _kernelObject;
    private readonly MachineStatus? _status;
    private PortState _state = null!;
    private bool _deathCounted;

    /// <summary>A port whose receive right is held by <paramref name="receiver"/> (a space).</summary>
    /// <param name="receiver">The space holding the receive right.</param>
    public Port(IActorRef? receiver) => _receiver = receiver;

    /// <summary>
    /// A port a program allocated, held by <paramref name="receiver"/>, counted in <paramref name="status"/>
    /// (observation only): its death, sends that block on it, notifications sent to it (its creation is
    /// counted by the space that allocated it).
    /// </summary>
    /// <param name="receiver">The space holding the receive right.</param>
    /// <param name="status">The machine's counters.</param>
    public Port(IActorRef? receiver, MachineStatus status)
    {
        _receiver = receiver;
        _status = status;
    }

    /// <summary>A kernel port: its messages go to <paramref name="kernelObject"/> (docs/IPC.md rule 7).</summary>
    /// <param name="kernelObject">The task, thread, host, device or name-server object behind it.</param>
    /// <returns>The port's props.</returns>
    public static Props ForKernelObject(IActorRef kernelObject) => Props.Create(() => new Port(null, kernelObject));

    private Port(IActorRef? receiver, IActorRef? kernelObject)
    {
        _receiver = receiver;
        _kernelObject = kernelObject;
    }

    /// <summary>Test-only: the machine's seeded bugs, handed to the port's state; none by default.</summary>
    internal Hardware.SeededBugs SeededBugs { get; init; }

    /// <summary>Creates the port's state, with its identity.</summary>
    protected override void PreStart() => _state = new PortState(new PortRef(Self.Id.Value, Self), _receiver, _kernelObject) { SeededBugs = SeededBugs };

    /// <summary>
    /// Each protocol message goes to the matching <see cref="PortState"/> call (see there for the
    /// contracts); the effects are carried out at once. Unknown messages are unhandled.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PortEnqueue e:
                if (e.Rights is { } rights) _state.RightsChanged(rights.Send, rights.SendOnce, rights.MadeSend);
                var blocked = _state.BlockedSenderCount;
                _state.Enqueue(e.Message, e.Sender);
                if (_status is not null) Count(e, blocked);
                break;
            case PortReceive r:
                _state.Receive(r.Receiver);
                break;
            case PortRightsChanged c:
                _state.RightsChanged(c.Send, c.SendOnce, c.MadeSend);
                break;
            case PortHolderAdded h:
                _state.HolderAdded(h.Space);
                break;
            case PortHolderRemoved h:
                _state.HolderRemoved(h.Space);
                break;
            case PortReceiveMoved:
                _state.ReceiveMoved();
                break;
            case PortReceiveArrived a:
                _state.ReceiveArrived(a.Space);
                break;
            case PortDestroyReceive:
                _state.DestroyReceive();
                break;
            case PortSetQLimit q:
                _state.SetQLimit(q.QLimit);
                break;
            case PortSetMsCount m:
                _state.SetMsCount(m.MsCount);
                break;
            case PortSetSeqno q:
                _state.SetSeqno(q.Seqno);
                break;
            case PortMoveMember m:
                _state.MoveMember(m.Set);
                break;
            case PortRequestNotification n:
                _state.RequestNotification(n);
                break;
            case PortSetDequeue d:
                _state.SetDequeue(d);
                break;
            case IpcTimeout t:
                _state.Timeout(t.Key);
                break;
            case CancelWait c:
                _state.CancelWait(c.Channel, c.WakeAborted);
                break;
            case PortKernelCall k:
                if (_state.Dead || _state.KernelObject is not { } kernel) k.Reply.Send(CallFailures.For(k.Request, KernReturn.InvalidArgument), Self);
                else kernel.Tell(new ForwardedCall(k.Request, k.Reply), Self);
                return;
            case PortGetStatus s:
                s.Reply.Send(_state.Status(), Self);
                return;
            default:
                Unhandled(message);
                return;
        }
        _state.ApplyEffects(Context);
        if (_status is not null && _state.Dead && !_deathCounted)
        {
            _deathCounted = true;
            _status.PortDestroyed();
        }
    }

    /// <summary>Counts what an enqueue was (observation only): a send that parked its thread, a kernel notification.</summary>
    private void Count(PortEnqueue e, int blockedBefore)
    {
        if (_state.BlockedSenderCount > blockedBefore) _status!.SendBlocked();
        if (e.Sender is null && NotifyIds.IsNotification(e.Message.Id)) _status!.NotificationSent();
    }
}
