using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A reply_to port of one task pager call (data_supply, change_attributes or lock_request in their
/// reply_to form; docs/VM.md, "Task pagers"): a child of the bridge holding the right the call carried,
/// named as the call's <c>ReplyTo</c>, so the VM object is unchanged. The completion it is sent goes
/// back to the bridge with the right (<see cref="TaskPagerReplyDue"/>), which sends it there; the relay
/// then stops. When its incarnation ends unanswered (a stale call) it is told
/// <see cref="TaskPagerReplyExpired"/>; a right it still holds when it stops is released.
/// </summary>
public sealed class TaskPagerReply : Actor
{
    private CarriedRight _right;

    /// <summary>A relay for the reply right <paramref name="right"/> (which it now owns).</summary>
    /// <param name="right">The reply port's right, as the call carried it.</param>
    internal TaskPagerReply(CarriedRight right) => _right = right;

    /// <summary>Releases the reply right when no completion took it.</summary>
    protected override void PostStop()
    {
        var effects = new List<IpcEffect>();
        Notifications.Release(_right, effects);
        SpecialPorts.Apply(effects, Self);
    }

    /// <summary>
    /// PagerMessage (the completion, from the VM object): handed to the bridge with the right, and the
    /// relay stops. TaskPagerReplyExpired (from the bridge, after its incarnation's terminate): stops.
    /// Anything else: unhandled.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PagerMessage completion:
                Context.Parent.Tell(new TaskPagerReplyDue(completion, _right), Self);
                _right = CarriedRight.Null;
                Context.Stop(Self);
                break;
            case TaskPagerReplyExpired:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
