using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;

namespace MachActors.Kernel.Kern;

/// <summary>
/// A processor set: the authority on where its threads run. Hosts a <see cref="ProcessorSetScheduler"/>
/// (all decisions are there) and turns its effects into messages: RunThread and PreemptThread to
/// CPUs, ThreadEnded to thread objects, AdoptThread to other sets. CPUs talk to it in the hardware's
/// protocol; kernel objects pass it the scheduling thread calls.
/// </summary>
public sealed class ProcessorSet : KernelObject, ISchedulerEffects
{
    private readonly ProcessorSetScheduler _scheduler;
    private readonly Dictionary<int, IActorRef> _cpus = [];
    private readonly SchedulerOptions _options;
    private ProcessorSetHandle _handle = null!;

    /// <summary>Processor set <paramref name="id"/> named <paramref name="name"/>.</summary>
    public ProcessorSet(int id, string name, MachineConfig config, SchedulerOptions options)
    {
        Name = name;
        _options = options;
        _scheduler = new ProcessorSetScheduler(id, config, options, this, () => Context.Now);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    protected override void PreStart() => _handle = new ProcessorSetHandle(_scheduler.SetId, Name) { Ref = Self };

    /// <summary>
    /// SchedCall (from a thread's object): thread_suspend / resume / priority / max_priority / policy /
    /// terminate / abort / assign / bind / info for a thread of this set; a thread that moved on is
    /// passed to its new set; an unknown one answers InvalidArgument. ResolveProcessorSet (a call that
    /// named this set by its port): built with this set and sent to its target's port. ProcessorSetInfo: the set's
    /// state. Replies: KernReturn, or <see cref="ThreadInfoReply"/>, or <see cref="ProcessorSetInfoReply"/>.
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case SchedCall call when _scheduler.Find(call.ThreadId) is null && _scheduler.Forwarded.TryGetValue(call.ThreadId, out var moved):
                Forward(moved, call, reply);
                break;
            case SchedCall call:
                reply.Send(Serve(call), Self);
                break;
            case ResolveProcessorSet r:
                r.Target.Actor.Tell(new Ipc.PortKernelCall(r.Make(_handle), reply), Self);
                break;
            case ProcessorSetInfo:
                reply.Send(new ProcessorSetInfoReply(KernReturn.Success, new ProcessorSetBasicInfo(
                    _handle, [.. _scheduler.Cpus], _scheduler.ThreadCount, _scheduler.RunnableCount, _scheduler.MaxPriority)), Self);
                break;
            default:
                reply.Send(CallFailures.For(request, KernReturn.InvalidArgument), Self);
                break;
        }
    }

    private object Serve(SchedCall call) => call.Request switch
    {
        ThreadSuspend => _scheduler.Suspend(call.ThreadId),
        ThreadResume => _scheduler.Resume(call.ThreadId),
        ThreadSetPriority p => _scheduler.SetPriority(call.ThreadId, p.Priority, p.SetMax),
        ThreadSetMaxPriority m => _scheduler.SetMaxPriority(call.ThreadId, m.MaxPriority),
        ThreadSetPolicy p => _scheduler.SetPolicy(call.ThreadId, p.Policy, p.QuantumMs),
        ThreadTerminate => _scheduler.Terminate(call.ThreadId),
        ThreadAbort => _scheduler.Abort(call.ThreadId),
        ThreadBind b => _scheduler.Bind(call.ThreadId, b.Cpu),
        ThreadAssign a => _scheduler.Assign(call.ThreadId, a.Set.Ref),
        ThreadInfo => _scheduler.Find(call.ThreadId) is { } t ? new ThreadInfoReply(KernReturn.Success, InfoOf(t)) : new ThreadInfoReply(KernReturn.InvalidArgument, null),
        _ => KernReturn.InvalidArgument,
    };

    private ThreadBasicInfo InfoOf(SchedThread t) => new(
        t.Handle, t.Task, ProcessorSetScheduler.StateOf(t), t.CpuTime, t.BasePriority, t.MaxPriority, t.SchedPriority,
        t.Policy, t.SuspendCount, t.Dispatches, _scheduler.SetId, t.Waiting ? t.WaitChannel?.ToString() : null);

    /// <summary>
    /// CpuWantsWork: the CPU (now) belongs here; give it a thread. ThreadSurrendered / CpuTicked: from
    /// the set's CPUs. AdoptThread: a new or arriving thread. WakeThread: a wait ended (passed on if the
    /// thread moved; with HandoffFrom it is kept for the sender's CPU). HandoffDeclined: that sender keeps
    /// its CPU after all. SetTaskSuspended: the task's suspend count changed. ReleaseCpu: processor_assign.
    /// </summary>
    protected override void OnOther(object message)
    {
        switch (message)
        {
            case CpuWantsWork w:
                _cpus[w.Cpu] = Sender;
                _scheduler.AddCpu(w.Cpu);
                break;
            case ThreadSurrendered s:
                _scheduler.OnSurrender(s.Cpu, s.Thread, s.Reason, s.Ran);
                break;
            case CpuTicked t:
                _scheduler.OnTick(t.Cpu, t.ThreadId, t.Ran);
                break;
            case AdoptThread a:
                _scheduler.Adopt(a.Thread);
                a.Thread.Handle.Ref.Tell(new ThreadMoved(_handle), Self);
                break;
            case WakeThread w when !_scheduler.Wake(w.ThreadId, w.Channel, w.Result, w.HandoffFrom):
                if (_scheduler.Forwarded.TryGetValue(w.ThreadId, out var moved)) moved.Tell(w, Sender);
                break;
            case WakeThread:
                break;
            case HandoffDeclined d:
                _scheduler.DeclineHandoff(d.ThreadId);
                break;
            case SetTaskSuspended s:
                _scheduler.SetTaskSuspended(s.ThreadIds, s.Suspended, s.ExceptThread, s.AckTo, s.Ack);
                break;
            case ReleaseCpu r:
                _scheduler.ReleaseCpu(r.Cpu, r.Destination);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    void ISchedulerEffects.Run(int cpu, ThreadExecution thread) => _cpus[cpu].Tell(new RunThread(thread), Self);

    void ISchedulerEffects.Preempt(int cpu, long threadId, SurrenderReason reason) => _cpus[cpu].Tell(new PreemptThread(threadId, reason), Self);

    void ISchedulerEffects.Ended(SchedThread thread, SurrenderReason reason) =>
        thread.Handle.Ref.Tell(new ThreadEnded(thread.Id, reason, thread.CpuTime, InfoOf(thread)), Self);

    void ISchedulerEffects.CancelWait(long threadId, WaitChannel channel, bool wakeAborted) =>
        channel.Owner.Tell(new CancelWait(threadId, channel, wakeAborted), Self);

    void ISchedulerEffects.Migrate(SchedThread thread, IActorRef destination) => destination.Tell(new AdoptThread(thread), Self);

    void ISchedulerEffects.CpuLeft(int cpu, IActorRef destination)
    {
        if (_cpus.Remove(cpu, out var cpuRef)) cpuRef.Tell(new AttachScheduler(destination), Self);
    }

    void ISchedulerEffects.Send(IActorRef to, object message) => to.Tell(message, Self);

    void ISchedulerEffects.Dispatched(DispatchRecord dispatch) => _options.Observer?.OnDispatch(dispatch);

    /// <inheritdoc />
    bool ISchedulerEffects.ObservesDispatches => _options.Observer is not null;
}
