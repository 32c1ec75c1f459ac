using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Execution;
using MachActors.Kernel.User;

namespace MachActors.Kernel.Kern;

/// <summary>
/// A task's kernel object (what its task port will reach): its threads (created here, as children),
/// suspend count, priority and processor set for new threads, the CPU time of its ended threads, and
/// its C-threads mutexes and conditions. After task_terminate it answers calls with InvalidArgument.
/// </summary>
public sealed partial class MachTask : KernelObject
{
    private readonly string _name;
    private readonly KernelServices _services;
    private readonly Synchronizers _sync = new();
    private readonly List<ThreadHandle> _threads = [];
    private readonly Dictionary<long, ProcessorSetHandle> _live = [];
    private readonly Dictionary<object, (int Remaining, CallerReply Reply)> _suspending = [];
    private readonly TaskStartSpec? _start;
    private ProcessorSetHandle _set;
    private TaskHandle _handle = null!;
    private int _priority;
    private int _suspendCount;
    private bool _terminated;
    private Duration _deadThreadsTime;
    private VirtualTime _created;
    private Ipc.PortName _taskSelf, _hostSelf, _deviceMaster;

    internal MachTask(string name, int priority, ProcessorSetHandle set, KernelServices services, TaskStartSpec? start, SpecialPorts special)
    {
        _special = special;
        _name = name;
        _priority = priority;
        _set = set;
        _services = services;
        _start = start;
    }

    /// <summary>Registers the task and, for a started task, creates its main thread and answers the starter.</summary>
    protected override void PreStart()
    {
        _space = new Ipc.IpcSpace(Self) { Memory = this };
        CreatePort();
        _handle = new TaskHandle(Self.Id.Value, _name) { Ref = Self, Port = _port };
        if (_start is { DeviceMaster: { } master })
        {
            _deviceMaster = _space.InsertKernelSend(master);
            ApplySpaceEffects();
        }
        _created = Context.Now;
        if (_start?.Space is { } space) AdoptSpace(space);
        _emulation = _start?.Emulation ?? EmulationVector.Empty;
        switch (_start)
        {
            case { MainThread: { } body } start:
                var main = CreateThread(body, start.ThreadName, suspended: false);
                start.Reply.Send(new TaskStarted(KernReturn.Success, _handle, main), Self);
                break;
            case { } start:
                start.Reply.Send(new TaskCreated(KernReturn.Success, _handle), Self);
                break;
        }
    }

    /// <summary>
    /// Preconditions: none; after termination every call answers InvalidArgument. ThreadCreate: a new
    /// thread (suspended for thread_create, running for cthread_fork). TaskCreate: a child task from
    /// the host, inheriting priority and set. TaskTerminate: every thread ends. TaskSuspend: answers
    /// once every thread but the caller is off its CPU. TaskResume: Failure at 0. TaskPriority,
    /// TaskAssign: for new threads (and existing ones when asked). TaskInfo, TaskThreads. The
    /// C-threads mutex and condition calls (see <see cref="Synchronizers"/>).
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        if (_terminated)
        {
            reply.Send(TerminatedAnswer(request), Self);
            return;
        }
        switch (request)
        {
            case ThreadCreate c:
                var created = CreateThread(c.Body, c.Name, c.Suspended);
                reply.Send(new ThreadCreated(KernReturn.Success, created) { Port = _space.NameOf(created.Port) }, Self);
                break;
            case TaskCreate c:
                var inherited = new List<Ipc.IpcEffect>();
                var ports = _special.Inherit(inherited);
                SpecialPorts.Apply(inherited, Self); // the copies are counted before the child holds them (rule 3)
                var create = new CreateChildTask(c.Name ?? _name + "-child", _priority, _set, reply, ports) { Emulation = _emulation };
                if (c.InheritMemory) Fork(create);
                else _services.Host.Tell(create, Self);
                break;
            case TaskTerminate:
                Terminate();
                reply.Send(KernReturn.Success, Self);
                break;
            case TaskSuspend:
                Suspend(reply);
                break;
            case TaskResume:
                reply.Send(Resume(), Self);
                break;
            case TaskPriority p:
                reply.Send(SetPriority(p.Priority, p.ChangeThreads), Self);
                break;
            case TaskAssign a:
                _set = a.Set;
                if (a.AssignThreads) SendToThreads(new ThreadAssign(a.Set));
                reply.Send(KernReturn.Success, Self);
                break;
            case TaskInfo:
                reply.Send(new TaskInfoReply(KernReturn.Success, Info()), Self);
                break;
            case TaskThreads:
                reply.Send(new TaskThreadsReply(KernReturn.Success, _threads.Where(t => _live.ContainsKey(t.Id)).ToList()), Self);
                break;
            case TaskResolve r:
                r.Caller.Tell(new TaskResolved(r.Call, Self, reply), Self);
                break;
            default:
                if (!OnVmCall(request, reply) && !OnTaskPagerCall(request, reply) && !OnIpcCall(request, reply) && !OnEmulationCall(request, reply)) OnSyncCall(request, reply);
                break;
        }
    }

    private static object TerminatedAnswer(object request) => CallFailures.For(request, KernReturn.InvalidArgument);

    /// <summary>Makes a thread object and its execution, and hands the thread to the task's processor set.</summary>
    private ThreadHandle CreateThread(ThreadBody body, string name, bool suspended)
    {
        var threadRef = Context.Spawn(Props.Create(() => new MachThread(name, _handle, _set, _services.Status)));
        var port = NewPortRef(Context.Spawn(Ipc.Port.ForKernelObject(threadRef)));
        var handle = new ThreadHandle(threadRef.Id.Value, name) { Ref = threadRef, Port = port };
        threadRef.Tell(new ThreadPortAttached(handle), Self); // before anyone can know the port
        var names = new SelfPorts(_taskSelf, _space.InsertKernelSend(port), _hostSelf, _deviceMaster);
        ApplySpaceEffects();
        MachEnv env = null!;
        var execution = new ThreadExecution(handle.Id, name, () => body(env))
        {
            // A failing program raises its exception (spec 6) instead of ending its thread.
            ExceptionTrap = error => new KernelCallTrap(threadRef, new RaiseException(MachException.FromProgram(error), error)),
        };
        env = new MachEnv(execution, handle, _handle, _services, names);
        var record = new SchedThread(handle, _handle, execution)
        {
            BasePriority = _priority,
            SchedPriority = _priority,
            SuspendCount = suspended ? 1 : 0,
            TaskSuspended = _suspendCount > 0,
        };
        _threads.Add(handle);
        _live[handle.Id] = _set;
        _services.Status.ThreadStarted();
        _set.Ref.Tell(new AdoptThread(record), Self);
        _services.Host.Tell(new ThreadRegistered(handle, _handle), Self);
        return handle;
    }

    private void Terminate()
    {
        _terminated = true;
        _space.DestroyAll(); // every right goes: ports die, send rights are released, notifications fire
        ApplySpaceEffects();
        DestroyPorts();
        StopPagerBridges();
        SendToThreads(new ThreadTerminate());
        ReleaseAddressSpace();
        foreach (var (_, pending) in _suspending) pending.Reply.Send(KernReturn.Success, Self);
        _suspending.Clear();
    }

    private void Suspend(CallerReply reply)
    {
        if (++_suspendCount > 1 || _live.Count == 0)
        {
            reply.Send(KernReturn.Success, Self);
            return;
        }
        var token = new object();
        var bySet = _live.GroupBy(kv => kv.Value, kv => kv.Key).ToList();
        _suspending[token] = (bySet.Count, reply);
        foreach (var group in bySet) group.Key.Ref.Tell(new SetTaskSuspended(group.ToList(), true, reply.CallerThread, Self, new SuspendAck(token)), Self);
    }

    private KernReturn Resume()
    {
        if (_suspendCount == 0) return KernReturn.Failure;
        if (--_suspendCount == 0)
        {
            foreach (var group in _live.GroupBy(kv => kv.Value, kv => kv.Key))
            {
                group.Key.Ref.Tell(new SetTaskSuspended(group.ToList(), false, null, Self, new SuspendAck(new object())), Self);
            }
        }
        return KernReturn.Success;
    }

    private KernReturn SetPriority(int priority, bool changeThreads)
    {
        if (priority is < 0 or >= SchedConstants.Nrqs || priority < SchedConstants.DefaultMaxPriority) return KernReturn.InvalidArgument;
        _priority = priority;
        if (changeThreads) SendToThreads(new ThreadSetPriority(priority));
        return KernReturn.Success;
    }

    private TaskBasicInfo Info() => new(_handle, _suspendCount, _priority, _live.Count, _deadThreadsTime, _terminated, _created);

    /// <summary>Sends a call to every live thread's object, as the task (their answers come back and are ignored).</summary>
    private void SendToThreads(KernelRequest request)
    {
        foreach (var thread in _threads.Where(t => _live.ContainsKey(t.Id))) thread.Ref.Tell(request, Self);
    }

    /// <summary>
    /// ThreadEnded: one thread fewer (its CPU time joins the dead threads'; its waits are dropped).
    /// ThreadSetChanged: where a thread is scheduled now. SuspendAck: one processor set has stopped
    /// its threads. ObjectFaultAnswer, TlbShootdownAck: the address space (MachTask.Vm). TaskExceptionPortRequest: a thread object's exception wants a counted copy of the
    /// task's exception port (NULL once terminated). CancelWait: a waiter aborted or terminated. Answers to the task's own calls are ignored.
    /// </summary>
    protected override void OnOther(object message)
    {
        if (OnVmMessage(message) || OnTaskPagerMessage(message)) return;
        switch (message)
        {
            case ThreadEnded ended:
                if (!_live.Remove(ended.ThreadId)) break;
                _deadThreadsTime += ended.CpuTime;
                _services.Status.ThreadEnded();
                break;
            case ThreadSetChanged changed when _live.ContainsKey(changed.ThreadId):
                _live[changed.ThreadId] = changed.Set;
                break;
            case SuspendAck ack when _suspending.TryGetValue(ack.Token, out var pending):
                if (pending.Remaining > 1) _suspending[ack.Token] = (pending.Remaining - 1, pending.Reply);
                else
                {
                    _suspending.Remove(ack.Token);
                    pending.Reply.Send(KernReturn.Success, Self);
                }
                break;
            case TaskExceptionPortRequest ask:
                var port = _terminated ? Ipc.CarriedRight.Null : _special.ExceptionPort;
                if (port.Port is { } p) p.Actor.Tell(new Ipc.PortRightsChanged(1, 0, 0), Self); // the copy is counted before the thread holds it (rule 3)
                Sender.Tell(new TaskExceptionPort(ask.Token, port, _terminated), Self);
                break;
            case RelayedAnswer relayed:
                OnRelayedAnswer(relayed);
                break;
            case TaskResolved resolved:
                OnTaskResolved(resolved);
                break;
            case CancelWait cancel:
                if (_sync.Cancel(cancel.Channel) is { } waiter && cancel.WakeAborted) waiter.Reply.Wake(waiter.Channel, KernReturn.Aborted, Self);
                break;
            case SuspendAck or ThreadSetChanged or KernReturn or ThreadInfoReply:
                break;
            default:
                if (!OnIpcMessage(message)) Unhandled(message);
                break;
        }
    }

    private sealed record SuspendAck(object Token);
}
