using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>A port set: a thin actor host for its <see cref="PortSetState"/> (see there for the contracts).</summary>
public sealed class PortSet : Actor
{
    private PortSetState _state = null!;

    /// <summary>Creates the set's state, with its identity.</summary>
    protected override void PreStart() => _state = new PortSetState(new PortRef(Self.Id.Value, Self), () => Context.Now);

    /// <summary>
    /// SetReceive, SetDequeueMiss, SetMemberJoined / Enqueued / Left, SetDestroyed, IpcTimeout and
    /// CancelWait go to the state; its effects are carried out at once.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SetReceive r:
                _state.Receive(r.Receiver);
                break;
            case SetDequeueMiss m:
                _state.DequeueMiss(m);
                break;
            case SetMemberJoined j:
                _state.MemberJoined(j.Port, j.Queued);
                break;
            case SetMemberEnqueued e:
                _state.MemberEnqueued(e.Port);
                break;
            case SetMemberLeft l:
                _state.MemberLeft(l.Port);
                break;
            case SetDestroyed:
                _state.Destroy();
                break;
            case IpcTimeout t:
                _state.Timeout(t.Key);
                break;
            case CancelWait c:
                _state.CancelWait(c.Channel, c.WakeAborted);
                break;
            default:
                Unhandled(message);
                return;
        }
        IpcEffects.Apply(_state.TakeEffects(), Context);
    }
}
