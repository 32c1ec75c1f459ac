using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>
/// A thread's kernel object (what its thread port will reach): it passes the scheduling calls to the
/// thread's processor set, keeps the C-threads join and detach state, and outlives the thread as a
/// zombie that answers every call with InvalidArgument (info reports it halted).
/// </summary>
public sealed partial class MachThread : KernelObject
{
    private readonly TaskHandle _task;
    private readonly string _name;
    private readonly MachineStatus _status;
    private readonly List<(CallerReply Reply, WaitChannel? Channel)> _joiners = [];
    private ProcessorSetHandle _set;
    private ThreadHandle _handle = null!;
    private bool _detached;
    private bool _joined;
    private ThreadEnded? _end;

    internal MachThread(string name, TaskHandle task, ProcessorSetHandle set, MachineStatus status)
    {
        _name = name;
        _status = status;
        _task = task;
        _set = set;
    }

    /// <inheritdoc />
    protected override void PreStart() => _handle = new ThreadHandle(Self.Id.Value, _name) { Ref = Self };

    /// <summary>
    /// Preconditions: none. ThreadJoin: answers with the thread's result once it has ended (parking a
    /// calling thread until then); InvalidArgument when detached, already joined, or joining itself.
    /// ThreadDetach: nobody will join. RaiseException (from the thread itself): exception delivery. ThreadInfo of an ended thread: halted, final CPU time, last priorities and dispatches. Every
    /// scheduling call goes to the thread's processor set, which answers. After the end, calls answer
    /// InvalidArgument.
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case ThreadJoin:
                Join(reply);
                break;
            case RaiseException raise when _end is null:
                Raise(raise, reply);
                break;
            case ThreadDetach when _end is null:
                _detached = true;
                reply.Send(KernReturn.Success, Self);
                break;
            case ThreadInfo when _end is { } end:
                reply.Send(new ThreadInfoReply(KernReturn.Success, HaltedInfo(end)), Self);
                break;
            case ThreadInfo:
                Forward(_set.Ref, new SchedCall(_handle.Id, (KernelRequest)request), reply);
                break;
            case KernelRequest when _end is not null:
                reply.Send(CallFailures.For(request, KernReturn.InvalidArgument), Self);
                break;
            case ThreadIdQuery:
                reply.Send(_handle.Id, Self);
                break;
            case ThreadTerminate or ThreadSuspend or ThreadResume or ThreadAbort or ThreadSetPriority or ThreadSetMaxPriority
                or ThreadSetPolicy or ThreadAssign or ThreadBind:
                Forward(_set.Ref, new SchedCall(_handle.Id, (KernelRequest)request), reply);
                break;
            default:
                reply.Send(CallFailures.For(request, KernReturn.InvalidArgument), Self);
                break;
        }
    }

    private void Join(CallerReply reply)
    {
        if (_detached || _joined || reply.CallerThread == _handle.Id)
        {
            reply.Send(new JoinResult(KernReturn.InvalidArgument, null), Self);
            return;
        }
        if (_end is { } end)
        {
            _joined = true;
            reply.Send(new JoinResult(KernReturn.Success, ValueOf(end)), Self);
            return;
        }
        _joined = true;
        WaitChannel? channel = null;
        if (reply.FromThread)
        {
            channel = new WaitChannel(Self, "join " + _handle);
            reply.Block(channel, Self);
        }
        _joiners.Add((reply, channel));
    }

    /// <summary>
    /// ThreadEnded (from the processor set): remember how it ended, wake the joiner, tell the task, and
    /// publish a fault. ThreadMoved: the thread now belongs to another set. CancelWait: a joiner, or the
    /// thread's pending exception, was aborted (woken with Aborted) or terminated (forgotten).
    /// TaskExceptionPort: the task's exception port for a pending exception.
    /// </summary>
    protected override void OnOther(object message)
    {
        switch (message)
        {
            case ThreadPortAttached attached:
                _handle = attached.Thread;
                break;
            case ThreadEnded ended:
                _end = ended;
                ReleaseSpecialPorts();
                DiscardExceptionReplyPort();
                foreach (var (reply, channel) in _joiners)
                {
                    var result = new JoinResult(KernReturn.Success, ValueOf(ended));
                    if (channel is null) reply.Send(result, Self);
                    else reply.Wake(channel, result, Self);
                }
                _joiners.Clear();
                if (ended.Reason is SurrenderReason.Faulted f)
                {
                    // Recorded before the task counts the thread as ended, so a host that waits
                    // for the last thread to end always sees its fault.
                    var fault = new ThreadFaulted(_handle, _task, f.Error, Context.Now);
                    _status.Faulted(fault);
                    Context.System.EventStream.Publish(fault);
                }
                _task.Ref.Tell(ended, Self);
                break;
            case ThreadMoved moved:
                _set = moved.Set;
                _task.Ref.Tell(new ThreadSetChanged(_handle.Id, moved.Set), Self);
                break;
            case TaskExceptionPort answer:
                TaskPortArrived(answer);
                break;
            case CancelWait cancel when CancelException(cancel):
                break;
            case CancelWait cancel:
                var i = _joiners.FindIndex(j => ReferenceEquals(j.Channel, cancel.Channel));
                if (i < 0) break;
                var joiner = _joiners[i];
                _joiners.RemoveAt(i);
                _joined = false;
                if (cancel.WakeAborted) joiner.Reply.Wake(cancel.Channel, new JoinResult(KernReturn.Aborted, null), Self);
                break;
            case KernReturn:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>thread_info of the ended thread: halted, its final CPU time, and its last priorities, policy and dispatches.</summary>
    private ThreadBasicInfo HaltedInfo(ThreadEnded end) =>
        end.Last is { } last
            ? last with { State = ThreadRunState.Halted, CpuTime = end.CpuTime, SuspendCount = 0, ProcessorSet = _set.Id, Waiting = null }
            : new ThreadBasicInfo(_handle, _task, ThreadRunState.Halted, end.CpuTime, 0, 0, 0, SchedPolicy.Timeshare, 0, 0, _set.Id, null);

    private static object? ValueOf(ThreadEnded end) => end.Reason is SurrenderReason.Exited e ? e.Result : null;
}
