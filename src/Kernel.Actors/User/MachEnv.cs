using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// A thread's view of the machine: the trap API its program awaits. Every method is a trap into the
/// CPU (compute, yield, exit) or a kernel call carried by one; nothing else may be awaited. Split by
/// concern: .Ports (task, thread and host RPCs), .Sched (the KernelPortCall trap), .CThreads, .Ipc,
/// .Device, .Exceptions. A program reaches another task or thread only through a send right in its own
/// space; <see cref="Self"/> and <see cref="Task"/> are identities (logs, host tools), not a way to call.
/// </summary>
/// <example>
/// <code>
/// static async Task Worker(MachEnv env, IReadOnlyList&lt;string&gt; args)
/// {
///     var m = await env.MutexAlloc();
///     var child = await env.CThreadFork(async e => { await e.Compute(10_000); return 42; });   // a port name
///     await env.Compute(5_000);
///     var result = await env.CThreadJoin(child);   // Value 42
/// }
/// </code>
/// </example>
public sealed partial class MachEnv
{
    private readonly ThreadExecution _execution;
    private readonly KernelServices _services;

    internal MachEnv(ThreadExecution execution, ThreadHandle self, TaskHandle task, KernelServices services, SelfPorts ports)
    {
        _execution = execution;
        _services = services;
        Self = self;
        Task = task;
        TaskSelf = ports.Task;
        ThreadSelf = ports.Thread;
        HostSelf = ports.Host;
        DeviceMasterPort = ports.DeviceMaster;
    }

    /// <summary>mach_task_self: the name of a send right to this task's port (urefs pinned at the maximum).</summary>
    public Ipc.PortName TaskSelf { get; }

    /// <summary>mach_thread_self: the name of a send right to this thread's port (urefs pinned at the maximum).</summary>
    public Ipc.PortName ThreadSelf { get; }

    /// <summary>mach_host_self: the name of a send right to the host port.</summary>
    public Ipc.PortName HostSelf { get; }

    /// <summary>The device master port: a send right in the tasks the host starts (the first tasks); NULL in tasks made by task_create.</summary>
    public Ipc.PortName DeviceMasterPort { get; }

    /// <summary>The calling thread's kernel object (a debugger's handle; programs name threads by port: <see cref="ThreadSelf"/>).</summary>
    public ThreadHandle Self { get; }

    /// <summary>The calling thread's task's kernel object (a debugger's handle; programs name tasks by port: <see cref="TaskSelf"/>).</summary>
    public TaskHandle Task { get; }

    /// <summary>The machine's shape (clock rate, page size, ...).</summary>
    public MachineConfig Machine => _services.Config;

    /// <summary>The current virtual time.</summary>
    public VirtualTime Now => _services.System.Now;

    /// <summary>Runs <paramref name="cycles"/> cycles of computation (at least one): virtual time passes; the thread may be preempted meanwhile.</summary>
    public TrapAwaitable<KernReturn> Compute(long cycles) => _execution.Trap<KernReturn>(new ComputeTrap(cycles));

    /// <summary>Gives up the CPU (swtch / cthread_yield): the scheduler picks the next thread, possibly this one.</summary>
    public TrapAwaitable<KernReturn> Yield() => _execution.Trap<KernReturn>(new YieldTrap());

    /// <summary>Ends the calling thread with <paramref name="result"/> (cthread_exit). Never returns.</summary>
    public TrapAwaitable<KernReturn> Exit(object? result = null) => _execution.Trap<KernReturn>(new ExitTrap(result));

    /// <summary>A kernel call to <paramref name="target"/>'s object; the await returns its reply as <typeparamref name="T"/>.</summary>
    internal TrapAwaitable<T> Call<T>(Actors.IActorRef target, KernelRequest request) =>
        _execution.Trap<T>(new KernelCallTrap(target, request));
}
