using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>The task port (docs/IPC.md rule 7): the IMachTask routines (and the mach_host routines naming a task) as calls on this object; special and registered ports.</summary>
public sealed partial class MachTask
{
    private readonly SpecialPorts _special;
    private PortRef _port = null!;

    /// <summary>
    /// A MIG request on the task port. mach 2000 ids go to the generated <c>MachTaskServer</c>, mach_host
    /// 2600 ids to <c>MachHostServer</c> (task_priority, task_assign; the others answer
    /// InvalidArgument); any other id MIG_BAD_ID; a wrong shape MIG_BAD_ARGUMENTS. Every routine is served
    /// as the matching call (<see cref="OnCall"/>), so a terminated task answers InvalidArgument.
    /// </summary>
    protected override void OnPortMessage(KernelPortRequest request) =>
        ServeMig(request, r => MachHostServer.IsRoutine(r.Message.Header.Id)
            ? MachHostServer.Demux(r.Message, new HostRoutines(this, r))
            : MachTaskServer.Demux(r.Message, new TaskRoutines(this, r)));

    /// <summary>Makes the task's port and names it (and the host port) in the space with pinned urefs.</summary>
    private void CreatePort()
    {
        _port = NewPortRef(Context.Spawn(Port.ForKernelObject(Self)));
        _taskSelf = _space.InsertKernelSend(_port);
        _hostSelf = _services.HostPort is { } host ? _space.InsertKernelSend(host) : PortName.Null;
        ApplySpaceEffects();
    }

    /// <summary>The task's port and its threads' ports die; its special and registered ports are released.</summary>
    private void DestroyPorts()
    {
        _port.Actor.Tell(PortDestroyReceive.Instance, Self);
        foreach (var t in _threads) t.Port.Actor.Tell(PortDestroyReceive.Instance, Self);
        var effects = new List<IpcEffect>();
        _special.ReleaseAll(effects);
        SpecialPorts.Apply(effects, Self);
    }

    private static KernReturn CodeOf(object? result) => result is KernReturn k ? k : KernReturn.Failure;

    /// <summary>IMachTask on this task, for one request. Routines that are calls defer to <see cref="OnCall"/>; the port routines answer at once.</summary>
    private sealed class TaskRoutines(MachTask task, KernelPortRequest request) : IMachTask
    {
        private MigReplyHandle Handle => MigReplyHandle.For(request.Message);

        public KernReturn TaskCreate(PortName targetTask, bool inheritMemory, out PortName childTask)
        {
            childTask = default;
            return (KernReturn)task.Defer(request, new TaskCreate(InheritMemory: inheritMemory), (r, req) => r is TaskCreated { Result: KernReturn.Success, Task: { } child }
                ? MachTaskServer.TaskCreateReply(Handle, KernReturn.Success, req.GiveMadeSend(child.Port))
                : MachTaskServer.TaskCreateReply(Handle, r is TaskCreated c ? c.Result : CodeOf(r), PortName.Null));
        }

        public KernReturn TaskTerminate(PortName targetTask) =>
            (KernReturn)task.Defer(request, new TaskTerminate(), (r, _) => MachTaskServer.TaskTerminateReply(Handle, CodeOf(r)));

        public KernReturn TaskGetEmulationVector(PortName targetTask, out int vectorStart, out ImmutableArray<byte> emulationVector)
        {
            emulationVector = [];
            vectorStart = 0;
            if (task._terminated) return KernReturn.InvalidArgument;
            var (start, handlers) = task._emulation.Get();
            vectorStart = start;
            emulationVector = InfoWords.Pack(handlers.AsSpan());
            return KernReturn.Success;
        }

        public KernReturn TaskSetEmulationVector(PortName targetTask, int vectorStart, ImmutableArray<byte> emulationVector)
        {
            if (task._terminated || emulationVector.Length % 4 != 0) return KernReturn.InvalidArgument;
            var code = task._emulation.Set(vectorStart, InfoWords.Unpack(emulationVector), out var updated);
            task._emulation = updated;
            return code;
        }

        public KernReturn TaskThreads(PortName targetTask, out ImmutableArray<PortName> threadList)
        {
            threadList = [];
            return (KernReturn)task.Defer(request, new TaskThreads(), (r, req) => r is TaskThreadsReply { Result: KernReturn.Success } t
                ? MachTaskServer.TaskThreadsReply(Handle, KernReturn.Success, [.. t.Threads.Select(th => req.GiveMadeSend(th.Port))])
                : MachTaskServer.TaskThreadsReply(Handle, r is TaskThreadsReply f ? f.Result : CodeOf(r), []));
        }

        public KernReturn TaskInfo(PortName targetTask, int flavor, int taskInfoCount, out ImmutableArray<byte> taskInfo)
        {
            taskInfo = [];
            return (KernReturn)task.Defer(request, new TaskInfo(), (r, _) =>
            {
                var (code, words) = r is TaskInfoReply { Result: KernReturn.Success, Info: { } info }
                    ? InfoWords.Task(flavor, taskInfoCount, info)
                    : (r is TaskInfoReply f ? f.Result : CodeOf(r), ImmutableArray<byte>.Empty);
                return MachTaskServer.TaskInfoReply(Handle, code, words);
            });
        }

        public KernReturn MachPortsRegister(PortName targetTask, ImmutableArray<PortName> initPortSet)
        {
            if (task._terminated) return KernReturn.InvalidArgument;
            var effects = new List<IpcEffect>();
            var code = task._special.Register([.. initPortSet.Select(request.Take)], effects);
            SpecialPorts.Apply(effects, task.Self);
            return code;
        }

        public KernReturn MachPortsLookup(PortName targetTask, out ImmutableArray<PortName> initPortSet)
        {
            initPortSet = [];
            if (task._terminated) return KernReturn.InvalidArgument;
            initPortSet = [.. task._special.Registered.Select(request.GiveCopySend)];
            return KernReturn.Success;
        }

        public KernReturn TaskSuspend(PortName targetTask) =>
            (KernReturn)task.Defer(request, new TaskSuspend(), (r, _) => MachTaskServer.TaskSuspendReply(Handle, CodeOf(r)));

        public KernReturn TaskResume(PortName targetTask) =>
            (KernReturn)task.Defer(request, new TaskResume(), (r, _) => MachTaskServer.TaskResumeReply(Handle, CodeOf(r)));

        public KernReturn TaskGetSpecialPort(PortName targetTask, int whichPort, out PortName specialPort)
        {
            specialPort = default;
            if (task._terminated || !task._special.TryGet(whichPort, task: true, task._port, out var right)) return KernReturn.InvalidArgument;
            specialPort = right.Port == task._port ? request.GiveMadeSend(task._port) : request.GiveCopySend(right);
            return KernReturn.Success;
        }

        public KernReturn TaskSetSpecialPort(PortName targetTask, int whichPort, PortName specialPort)
        {
            if (task._terminated) return KernReturn.InvalidArgument;
            var effects = new List<IpcEffect>();
            var code = task._special.Set(whichPort, task: true, request.Take(specialPort), effects);
            SpecialPorts.Apply(effects, task.Self);
            return code;
        }

        /// <summary>thread_create by message: a thread needs a program, which cannot travel in a message; use the thread_create trap (MachEnv.ThreadCreate).</summary>
        public KernReturn ThreadCreate(PortName parentTask, out PortName childThread)
        {
            childThread = default;
            return KernReturn.Failure;
        }
    }

    /// <summary>The mach_host routines whose request port is a task: task_priority and task_assign (the others name another object: InvalidArgument).</summary>
    private sealed class HostRoutines(MachTask task, KernelPortRequest request) : HostRoutinesBase
    {
        public override KernReturn TaskPriority(PortName taskPort, int priority, bool changeThreads) =>
            (KernReturn)task.Defer(request, new TaskPriority(priority, changeThreads),
                (r, _) => MachHostServer.TaskPriorityReply(MigReplyHandle.For(request.Message), CodeOf(r)));
    }
}
