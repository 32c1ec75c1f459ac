using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// The scheduling and processor-set calls that have no MIG routine here: the KernelPortCall trap
/// naming each object by a send right in this task's space (docs/IPC.md). A name that holds no send
/// right answers InvalidName; a dead port, or a set name that is not a processor set's port,
/// InvalidArgument.
/// </summary>
public sealed partial class MachEnv
{
    /// <summary>thread_policy: timesharing or fixed priority (with a quantum in ms); the set must allow it.</summary>
    public TrapAwaitable<KernReturn> ThreadPolicy(PortName thread, SchedPolicy policy, int quantumMs = 0) =>
        PortCall<KernReturn>(thread, new ThreadSetPolicy(policy, quantumMs));

    /// <summary>Binds the thread to <paramref name="cpu"/>'s local run queue (null unbinds); the CPU must be in the thread's set.</summary>
    public TrapAwaitable<KernReturn> ThreadBind(PortName thread, int? cpu) => PortCall<KernReturn>(thread, new ThreadBind(cpu));

    /// <summary>thread_max_priority: the best priority <paramref name="thread"/> may have; needs its set's port (<paramref name="set"/>), as Mach needs the control port.</summary>
    public TrapAwaitable<KernReturn> ThreadMaxPriority(PortName thread, PortName set, int maxPriority) =>
        PortCall<KernReturn>(thread, new WithProcessorSet(set, _ => new ThreadSetMaxPriority(maxPriority)));

    /// <summary>thread_assign: moves <paramref name="thread"/> to the set named by <paramref name="set"/>.</summary>
    public TrapAwaitable<KernReturn> ThreadAssign(PortName thread, PortName set) =>
        PortCall<KernReturn>(thread, new WithProcessorSet(set, s => new ThreadAssign(s)));

    /// <summary>task_assign: the task's new threads (and its existing ones with <paramref name="assignThreads"/>) go to <paramref name="set"/>.</summary>
    public TrapAwaitable<KernReturn> TaskAssign(PortName task, PortName set, bool assignThreads = false) =>
        PortCall<KernReturn>(task, new WithProcessorSet(set, s => new TaskAssign(s, assignThreads)));

    /// <summary>processor_set_create on <paramref name="host"/> (<see cref="HostSelf"/>): a new, empty set; a send right to its port.</summary>
    public async Task<(KernReturn Code, PortName Set)> ProcessorSetCreate(PortName host, string? name = null)
    {
        var created = await PortCall<ProcessorSetCreated>(host, new ProcessorSetCreate(name));
        return (created.Result, created.Port);
    }

    /// <summary>processor_set_default on <paramref name="host"/>: a send right to the default set's port.</summary>
    public async Task<(KernReturn Code, PortName Set)> ProcessorSetDefault(PortName host)
    {
        var found = await PortCall<ProcessorSetCreated>(host, new ProcessorSetDefault());
        return (found.Result, found.Port);
    }

    /// <summary>processor_assign: moves <paramref name="cpu"/> (not the master, 0) to <paramref name="set"/>; the host names the processor (no processor ports).</summary>
    public TrapAwaitable<KernReturn> ProcessorAssign(PortName host, int cpu, PortName set) =>
        PortCall<KernReturn>(host, new WithProcessorSet(set, s => new ProcessorAssign(cpu, s)));

    /// <summary>
    /// thread_switch with a hint by port: hands the CPU straight to <paramref name="hint"/> if it is queued
    /// in the same processor set. The kernel finds the thread first (one more trap); a name that is not a
    /// live thread's port makes it a plain yield.
    /// </summary>
    public async Task<KernReturn> SwitchTo(PortName hint)
    {
        var id = await ThreadId(hint);
        return await _execution.Trap<KernReturn>(new YieldTrap(id));
    }

    /// <summary>
    /// The id of the thread <paramref name="thread"/> names, as host reports and scheduler observers show
    /// it (for logs; an id reaches nothing), or null when the name is not a live thread's port.
    /// </summary>
    public async Task<long?> ThreadId(PortName thread) => await PortCall<object>(thread, new ThreadIdQuery()) as long?;

    /// <summary>thread_info BASIC read back (<see cref="User.ThreadStatus"/>); null when the call fails (e.g. the thread has ended and its set no longer knows it).</summary>
    public async Task<ThreadStatus?> ThreadStatus(PortName thread)
    {
        var (code, words) = await ThreadInfo(thread);
        return code == KernReturn.Success ? User.ThreadStatus.From(words) : null;
    }

    /// <summary>A KernelPortCall trap: <paramref name="request"/> to the object whose port <paramref name="target"/> names.</summary>
    private TrapAwaitable<T> PortCall<T>(PortName target, KernelRequest request) => Call<T>(Task.Ref, new KernelPortCall(target, request));
}
