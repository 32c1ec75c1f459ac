using System.Collections.Immutable;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.User;

/// <summary>
/// The task, thread and host calls as programs make them: MIG RPCs on kernel ports through the
/// generated stubs (a send right names the object: <see cref="TaskSelf"/>, a child's port from
/// task_create, ...). Codes: the routine's KernReturn, a MIG code (MIG_BAD_ID, ...) or a mach_msg code
/// (a forged or dead name: SendInvalidDest), all as KernReturn values.
/// </summary>
/// <example>
/// <code>
/// var (code, child) = await env.TaskCreate(env.TaskSelf);
/// await env.TaskSuspend(child);
/// var (_, words) = await env.ThreadInfo(env.ThreadSelf);   // words[InfoWords.ThreadBasicRunState] == 1 (running)
/// </code>
/// </example>
public sealed partial class MachEnv
{
    private MachTaskClient TaskStub => new(this);

    private MachThreadClient ThreadStub => new(this);

    private MachHostClient HostStub => new(this);

    /// <summary>task_create (2007): a child of <paramref name="parent"/> (inheriting priority, set, bootstrap, exception and registered ports); a send right to its port.</summary>
    public async Task<(KernReturn Code, PortName Child)> TaskCreate(PortName parent) => await TaskStub.TaskCreateAsync(parent, false);

    /// <summary>task_terminate (2008): every thread ends; the task's port and its threads' ports die.</summary>
    public async Task<KernReturn> TaskTerminate(PortName task) => await TaskStub.TaskTerminateAsync(task);

    /// <summary>task_suspend (2056): returns once every thread of the task is stopped.</summary>
    public async Task<KernReturn> TaskSuspend(PortName task) => await TaskStub.TaskSuspendAsync(task);

    /// <summary>task_resume (2057): Failure when the count is already 0.</summary>
    public async Task<KernReturn> TaskResume(PortName task) => await TaskStub.TaskResumeAsync(task);

    /// <summary>task_threads (2011): send rights to the live threads' ports.</summary>
    public async Task<(KernReturn Code, ImmutableArray<PortName> Threads)> TaskThreads(PortName task) => await TaskStub.TaskThreadsAsync(task);

    /// <summary>task_info (2012): the flavor's int32 words (<see cref="InfoWords"/>).</summary>
    public async Task<(KernReturn Code, ImmutableArray<int> Words)> TaskInfo(PortName task, int flavor = InfoWords.Basic)
    {
        var (code, bytes) = await TaskStub.TaskInfoAsync(task, flavor, InfoWords.TaskBasicCount);
        return (code, InfoWords.Unpack(bytes));
    }

    /// <summary>task_priority (2622): the priority of new threads (and the existing ones with <paramref name="changeThreads"/>).</summary>
    public async Task<KernReturn> TaskPriority(PortName task, int priority, bool changeThreads = false) => await HostStub.TaskPriorityAsync(task, priority, changeThreads);

    /// <summary>task_get_special_port (2058): KERNEL 1, EXCEPTION 3, BOOTSTRAP 4 (<see cref="SpecialPorts"/>).</summary>
    public async Task<(KernReturn Code, PortName Port)> TaskGetSpecialPort(PortName task, int which) => await TaskStub.TaskGetSpecialPortAsync(task, which);

    /// <summary>task_set_special_port (2059): the task keeps a copy of <paramref name="port"/> (NULL clears).</summary>
    public async Task<KernReturn> TaskSetSpecialPort(PortName task, int which, PortName port) => await TaskStub.TaskSetSpecialPortAsync(task, which, port);

    /// <summary>mach_ports_register (2033): at most 4 send rights, copied into children.</summary>
    public async Task<KernReturn> MachPortsRegister(PortName task, ImmutableArray<PortName> ports) => await TaskStub.MachPortsRegisterAsync(task, ports);

    /// <summary>mach_ports_lookup (2034): the 4 registered slots (NULL where empty).</summary>
    public async Task<(KernReturn Code, ImmutableArray<PortName> Ports)> MachPortsLookup(PortName task) => await TaskStub.MachPortsLookupAsync(task);

    /// <summary>
    /// task_create with a name for the host's reports (names are not Mach's: this form is the
    /// KernelPortCall trap naming the parent by port, the MIG routine carries no name). Otherwise as
    /// <see cref="TaskCreate(PortName)"/>: a send right to the child's port in this space. With
    /// <paramref name="inheritMemory"/> the child's address space is forked from the parent's (copy-on-write).
    /// </summary>
    public async Task<(KernReturn Code, PortName Child)> TaskCreate(PortName parent, string name, bool inheritMemory = false)
    {
        var created = await PortCall<TaskCreated>(parent, new TaskCreate(name, inheritMemory));
        return (created.Result, created.Port);
    }

    /// <summary>
    /// thread_create as a trap naming the task by port (a program body cannot travel in a message):
    /// a thread of <paramref name="task"/> running <paramref name="body"/>, suspended until thread_resume;
    /// a send right to its port in this space (NULL on failure).
    /// </summary>
    public async Task<(KernReturn Code, PortName Thread)> ThreadCreate(PortName task, ThreadBody body, string name = "thread")
    {
        var created = await PortCall<ThreadCreated>(task, new ThreadCreate(body, name, Suspended: true));
        return (created.Result, created.Port);
    }

    /// <summary>thread_terminate (2016), also of the calling thread.</summary>
    public async Task<KernReturn> ThreadTerminate(PortName thread) => await ThreadStub.ThreadTerminateAsync(thread);

    /// <summary>thread_suspend (2062).</summary>
    public async Task<KernReturn> ThreadSuspend(PortName thread) => await ThreadStub.ThreadSuspendAsync(thread);

    /// <summary>thread_resume (2063): Failure when not suspended.</summary>
    public async Task<KernReturn> ThreadResume(PortName thread) => await ThreadStub.ThreadResumeAsync(thread);

    /// <summary>thread_abort (2064): a wait the thread is in returns interrupted.</summary>
    public async Task<KernReturn> ThreadAbort(PortName thread) => await ThreadStub.ThreadAbortAsync(thread);

    /// <summary>thread_info (2019): BASIC or SCHED as int32 words (<see cref="InfoWords"/>).</summary>
    public async Task<(KernReturn Code, ImmutableArray<int> Words)> ThreadInfo(PortName thread, int flavor = InfoWords.Basic)
    {
        var (code, bytes) = await ThreadStub.ThreadInfoAsync(thread, flavor, InfoWords.ThreadBasicCount);
        return (code, InfoWords.Unpack(bytes));
    }

    /// <summary>thread_priority (2620): InvalidArgument above the thread's maximum.</summary>
    public async Task<KernReturn> ThreadPriority(PortName thread, int priority, bool setMax = false) => await HostStub.ThreadPriorityAsync(thread, priority, setMax);

    /// <summary>thread_get_special_port (2067): KERNEL 1, EXCEPTION 3.</summary>
    public async Task<(KernReturn Code, PortName Port)> ThreadGetSpecialPort(PortName thread, int which) => await ThreadStub.ThreadGetSpecialPortAsync(thread, which);

    /// <summary>thread_set_special_port (2068): the thread keeps a copy of <paramref name="port"/> (NULL clears).</summary>
    public async Task<KernReturn> ThreadSetSpecialPort(PortName thread, int which, PortName port) => await ThreadStub.ThreadSetSpecialPortAsync(thread, which, port);

    /// <summary>host_kernel_version (2619) on <see cref="HostSelf"/>.</summary>
    public async Task<(KernReturn Code, string Version)> HostKernelVersion() => await HostStub.HostKernelVersionAsync(HostSelf);

    /// <summary>The name server: this task's registered slot 0 (a send right; NULL if none).</summary>
    public async Task<PortName> NameServer()
    {
        var (code, ports) = await MachPortsLookup(TaskSelf);
        return code == KernReturn.Success ? ports[SpecialPorts.NameServerSlot] : PortName.Null;
    }

    /// <summary>netname_check_in (1040): registers a send right made from the receive right <paramref name="port"/> under <paramref name="name"/>.</summary>
    public async Task<NetnameReturn> NetnameCheckIn(PortName server, string name, PortName signature, PortName port) =>
        await new NetnameClient(this).CheckInAsync(server, name, signature, port);

    /// <summary>netname_look_up (1041) on this host: a send right to the port checked in under <paramref name="name"/>.</summary>
    public async Task<(NetnameReturn Code, PortName Port)> NetnameLookUp(PortName server, string name, string host = "") =>
        await new NetnameClient(this).LookUpAsync(server, host, name);

    /// <summary>netname_check_out (1042): removes <paramref name="name"/>; the signature must be the check-in's.</summary>
    public async Task<NetnameReturn> NetnameCheckOut(PortName server, string name, PortName signature) =>
        await new NetnameClient(this).CheckOutAsync(server, name, signature);
}
