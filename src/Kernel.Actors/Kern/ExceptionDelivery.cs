using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>
/// One thread's exception delivery (spec section 6, docs/IPC.md "Exceptions"), as a plain class its
/// thread object hosts: the pending exception, which level it was offered to, and what was tried.
/// Each event returns what the host must do (<see cref="ExceptionStep"/>) and adds the IPC effects
/// (rights accounting, the exception_raise message) to a list the host carries out in order.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. At most one exception is pending: the raising thread is parked until it is resumed or ends.
/// 2. Every right an exception_raise carries is counted at its port before the message is sent
///    (the destination copy, made-send rights for the thread and task ports, the send-once reply
///    right): the handler's space, or the port that destroys the message, releases them.
/// 3. A pending exception ends exactly once: resumed (a handler's KERN_SUCCESS, thread_abort), given
///    up (no level accepted: the task is terminated), or forgotten (the thread ended).
/// </remarks>
internal sealed class ExceptionDelivery
{
    /// <summary>exception_raise's id.</summary>
    public const int RaiseId = 2400;

    /// <summary>Its reply's id.</summary>
    public const int ReplyId = RaiseId + Mig.MigReplyHandle.ReplyIdOffset;

    private Pending? _pending;

    /// <summary>True while an exception waits for a handler's answer or for the task's port.</summary>
    public bool Waiting => _pending is not null;

    /// <summary>True when <paramref name="channel"/> is the pending exception's wait.</summary>
    public bool Owns(WaitChannel channel) => _pending is { } p && ReferenceEquals(p.Channel, channel);

    /// <summary>
    /// The thread (parked on <paramref name="channel"/> by the host) raises <paramref name="raise"/>: it
    /// goes to the thread's exception port <paramref name="threadPort"/> when that holds a right (a copy
    /// is counted), otherwise the host asks the task for its port.
    /// </summary>
    public ExceptionStep Raise(RaiseException raise, CallerReply caller, WaitChannel channel, CarriedRight threadPort, ExceptionPorts ports, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(raise);
        ArgumentNullException.ThrowIfNull(effects);
        if (_pending is not null) throw new InvalidOperationException("an exception is already pending"); // the thread is parked: cannot happen
        _pending = new Pending(raise, caller, channel, ports);
        if (threadPort.Port is { } port)
        {
            effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(1, 0, 0))); // the copy the message's destination right consumes
            Send(port, ExceptionLevel.Thread, effects);
            return ExceptionStep.None.Instance;
        }
        _pending.Tried.Add(new ExceptionAttempt(ExceptionLevel.Thread, false, 0));
        return AskTask();
    }

    /// <summary>
    /// The task answered with a counted copy of its exception port (or NULL): the exception goes there,
    /// or with none the delivery gives up. An answer for a wait that is over is released. A terminated
    /// task's answer changes nothing: the thread's termination is on its way.
    /// </summary>
    public ExceptionStep TaskPortArrived(TaskExceptionPort answer, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(effects);
        if (_pending is not { } p || !ReferenceEquals(answer.Token, p.Channel))
        {
            Notifications.Release(answer.Port, effects);
            return ExceptionStep.None.Instance;
        }
        if (answer.TaskTerminated) return ExceptionStep.None.Instance;
        if (answer.Port.Port is { } port)
        {
            Send(port, ExceptionLevel.Task, effects); // the task counted the copy
            return ExceptionStep.None.Instance;
        }
        p.Tried.Add(new ExceptionAttempt(ExceptionLevel.Task, false, 0));
        return GiveUp();
    }

    /// <summary>
    /// An answer arrived on the reply port: <paramref name="code"/> is the reply's RetCode as a MIG user
    /// stub checks it (0 accepted; MIG_SERVER_DIED for a send-once notification; a MIG code for a
    /// malformed reply). KERN_SUCCESS resumes the thread; anything else goes on to the task's port after
    /// the thread's, and gives up after the task's. No pending exception: ignored.
    /// </summary>
    public ExceptionStep Replied(int code)
    {
        if (_pending is not { Level: { } level } p) return ExceptionStep.None.Instance;
        p.Tried.Add(new ExceptionAttempt(level, true, code));
        p.Level = null;
        if (code == (int)KernReturn.Success)
        {
            _pending = null;
            return new ExceptionStep.Resume(p.Caller, p.Channel, KernReturn.Success, DiscardReplyPort: false);
        }
        return level == ExceptionLevel.Thread ? AskTask() : GiveUp();
    }

    /// <summary>
    /// The wait on <paramref name="channel"/> was cancelled: by thread_abort (<paramref name="aborted"/>:
    /// the thread resumes with Aborted, as when the kernel's reply port dies) or by the thread's end
    /// (forgotten). Either way the reply port is discarded, so a handler's late answer finds it dead.
    /// </summary>
    public ExceptionStep Cancel(WaitChannel channel, bool aborted)
    {
        if (!Owns(channel)) return ExceptionStep.None.Instance;
        var p = _pending!;
        _pending = null;
        return aborted ? new ExceptionStep.Resume(p.Caller, p.Channel, KernReturn.Aborted, DiscardReplyPort: true) : new ExceptionStep.Forget();
    }

    private ExceptionStep AskTask() => new ExceptionStep.AskTask(_pending!.Channel);

    private ExceptionStep GiveUp()
    {
        var p = _pending!;
        _pending = null;
        return new ExceptionStep.GiveUp(p.Raise.Exception, p.Raise.Thrown, [.. p.Tried]);
    }

    /// <summary>exception_raise to <paramref name="destination"/> (its copy already counted): counts the body's rights and the reply right, then sends.</summary>
    private void Send(PortRef destination, ExceptionLevel level, List<IpcEffect> effects)
    {
        var p = _pending!;
        p.Level = level;
        var ports = p.Ports;
        effects.Add(new IpcEffect.Tell(ports.Thread.Actor, new PortRightsChanged(1, 0, 1)));
        effects.Add(new IpcEffect.Tell(ports.Task.Actor, new PortRightsChanged(1, 0, 1)));
        effects.Add(new IpcEffect.Tell(ports.Reply.Actor, new PortRightsChanged(0, 1, 0)));
        var e = p.Raise.Exception;
        ImmutableArray<KernelItem> body =
        [
            new KernelItem.Rights([CarriedRight.Send(ports.Thread)], MsgType.PortSend, IsArray: false, OutOfLine: false),
            new KernelItem.Rights([CarriedRight.Send(ports.Task)], MsgType.PortSend, IsArray: false, OutOfLine: false),
            new KernelItem.Data(new MsgItem.Int32((int)e.Type)),
            new KernelItem.Data(new MsgItem.Int32(e.Code)),
            new KernelItem.Data(new MsgItem.Int32(e.Subcode)),
        ];
        var size = IpcLimits.HeaderSize + 2 * 8 + 3 * new MsgItem.Int32(0).Size;
        var message = new KernelMessage(destination, MsgType.PortSend, CarriedRight.SendOnce(ports.Reply), RaiseId, body, size);
        effects.Add(new IpcEffect.Tell(destination.Actor, new PortEnqueue(message, null))); // a kernel send: never blocks
    }

    private sealed class Pending(RaiseException raise, CallerReply caller, WaitChannel channel, ExceptionPorts ports)
    {
        public RaiseException Raise { get; } = raise;

        public CallerReply Caller { get; } = caller;

        public WaitChannel Channel { get; } = channel;

        public ExceptionPorts Ports { get; } = ports;

        /// <summary>Where the request is now (null: between levels, asking the task).</summary>
        public ExceptionLevel? Level { get; set; }

        public List<ExceptionAttempt> Tried { get; } = [];
    }
}

/// <summary>The ports an exception_raise names: the thread's and task's kernel ports (sent as made-send rights) and the kernel's reply port (a send-once right).</summary>
/// <param name="Thread">The faulting thread's port.</param>
/// <param name="Task">Its task's port.</param>
/// <param name="Reply">The thread's kernel reply port for exceptions.</param>
internal sealed record ExceptionPorts(PortRef Thread, PortRef Task, PortRef Reply);
