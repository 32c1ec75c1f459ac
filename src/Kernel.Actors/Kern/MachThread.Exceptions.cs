using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Kernel.Kern;

/// <summary>Exception delivery (spec section 6, docs/IPC.md "Exceptions"): the thread object hosts its thread's <see cref="ExceptionDelivery"/> and its kernel reply port.</summary>
public sealed partial class MachThread
{
    private readonly ExceptionDelivery _exceptions = new();
    private PortRef? _exceptionReply;

    /// <summary>
    /// RaiseException from the thread itself (another caller: InvalidArgument): the thread parks (no CPU
    /// time), and exception_raise goes to its exception port, or the task's. See <see cref="ExceptionDelivery"/>.
    /// </summary>
    private void Raise(RaiseException raise, CallerReply reply)
    {
        if (!reply.FromThread || reply.CallerThread != _handle.Id || _exceptions.Waiting)
        {
            reply.Send(KernReturn.InvalidArgument, Self);
            return;
        }
        var channel = new WaitChannel(Self, "exception " + raise.Exception);
        reply.Block(channel, Self);
        _exceptionReply ??= NewReplyPort();
        var effects = new List<IpcEffect>();
        var ports = new ExceptionPorts(_handle.Port, _task.Port, _exceptionReply);
        Act(_exceptions.Raise(raise, reply, channel, _special.ExceptionPort, ports, effects), effects);
    }

    /// <summary>A message on the exception reply port: the reply's RetCode (checked as a MIG stub does) goes to the delivery; its rights are released. A message on an older reply port (after thread_abort) is stale.</summary>
    private void ExceptionReplied(KernelPortRequest request)
    {
        var code = MigUser.CheckReply(new MachMsgResult(MachMsgReturn.Success, request.Message), ExceptionDelivery.ReplyId, 0, out _);
        request.Abandon(Self);
        if (_exceptionReply is null || request.Kernel.Destination != _exceptionReply) return;
        Act(_exceptions.Replied(code), []);
    }

    /// <summary>The task's answer (a counted copy of its exception port) goes to the delivery.</summary>
    private void TaskPortArrived(TaskExceptionPort answer)
    {
        var effects = new List<IpcEffect>();
        Act(_exceptions.TaskPortArrived(answer, effects), effects);
    }

    /// <summary>A cancelled wait: true when it was the pending exception's.</summary>
    private bool CancelException(CancelWait cancel)
    {
        if (!_exceptions.Owns(cancel.Channel)) return false;
        Act(_exceptions.Cancel(cancel.Channel, cancel.WakeAborted), []);
        return true;
    }

    /// <summary>The thread ended: its reply port dies (a handler's late reply is destroyed there).</summary>
    private void DiscardExceptionReplyPort()
    {
        _exceptionReply?.Actor.Tell(PortDestroyReceive.Instance, Self);
        _exceptionReply = null;
    }

    private PortRef NewReplyPort()
    {
        var actor = Context.Spawn(Port.ForKernelObject(Self));
        return new PortRef(actor.Id.Value, actor);
    }

    private void Act(ExceptionStep step, List<IpcEffect> effects)
    {
        SpecialPorts.Apply(effects, Self);
        switch (step)
        {
            case ExceptionStep.AskTask ask:
                _task.Ref.Tell(new TaskExceptionPortRequest(ask.Token), Self);
                break;
            case ExceptionStep.Resume resume:
                if (resume.DiscardReplyPort) DiscardExceptionReplyPort();
                resume.Caller.Wake(resume.Channel, resume.Result, Self);
                break;
            case ExceptionStep.Forget:
                DiscardExceptionReplyPort();
                break;
            case ExceptionStep.GiveUp giveUp:
                // Recorded before the task is told, so a host that waits for the threads to end sees it.
                var fault = new ThreadFaulted(_handle, _task, giveUp.Thrown, Context.Now) { Exception = giveUp.Exception, Tried = giveUp.Tried };
                _status.Faulted(fault);
                Context.System.EventStream.Publish(fault);
                _task.Ref.Tell(new TaskTerminate(), Self); // "no exception server": the whole task ends
                break;
        }
    }
}
