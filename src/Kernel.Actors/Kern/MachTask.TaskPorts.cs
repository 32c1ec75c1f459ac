using MachActors.Actors;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>mach_port_insert_right and extract_right naming a task by a send right to its port (spec 1.6).</summary>
public sealed partial class MachTask
{
    /// <summary>True when <paramref name="task"/> is null or names this task's own port.</summary>
    private bool IsOwnTask(PortName? task) => task is null || SendRight(task.Value) is { } port && port.Equals(_port);

    /// <summary>
    /// Preconditions: <paramref name="task"/> names a send right here (else InvalidName). The call goes
    /// to that port as <see cref="TaskResolve"/>: the task behind it answers <see cref="TaskResolved"/>
    /// (then <see cref="OnTaskResolved"/>); another object, a dead port or an ordinary port answers
    /// InvalidTask. Nothing is copied in before the task is known, so a failure leaves the space as it was.
    /// </summary>
    private void ResolveTask(PortName task, PortCall call, CallerReply reply)
    {
        if (SendRight(task) is not { } port)
        {
            reply.Send(new PortCallReply(KernReturn.InvalidName), Self);
            return;
        }
        port.Actor.Tell(new PortKernelCall(new TaskResolve(call, Self), reply), Self);
    }

    /// <summary>
    /// The named task is known: insert copies the right in here and sends it there (InsertCarried);
    /// extract asks it for the right (ExtractFrom), which arrives here as ExtractCarried. After this
    /// task's termination: InvalidTask.
    /// </summary>
    private void OnTaskResolved(TaskResolved resolved)
    {
        if (_terminated)
        {
            resolved.Reply.Send(new PortCallReply(KernReturn.InvalidTask), Self);
            return;
        }
        switch (resolved.Call)
        {
            case PortCall.InsertRight i:
                InsertRight(i, resolved.Reply, resolved.Task);
                ApplySpaceEffects();
                break;
            case PortCall.ExtractRight e when resolved.Task.Equals(Self):
                ExtractHere(e, resolved.Reply);
                ApplySpaceEffects();
                break;
            case PortCall.ExtractRight e:
                resolved.Task.Tell(new ExtractFrom(e, Self, resolved.Reply), Self);
                break;
        }
    }

    /// <summary>extract_right from this space into this space: copyin with the desired disposition, then copyout.</summary>
    private void ExtractHere(PortCall.ExtractRight e, CallerReply reply)
    {
        var extracted = _space.CopyinRight(e.Name, e.Desired, out var right);
        var back = extracted == KernReturn.Success ? _space.CopyoutRight(right) : PortName.Null;
        reply.Send(new PortCallReply(extracted, back, Arrived: right.Right), Self);
    }
}
