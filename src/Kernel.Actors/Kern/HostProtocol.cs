using MachActors.Actors;
using MachActors.Kernel.User;

namespace MachActors.Kernel.Kern;

// Messages between tasks and the host object.

/// <summary>Task -> host: a thread was created (for the machine-wide registry).</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Task">Its task.</param>
internal sealed record ThreadRegistered(ThreadHandle Thread, TaskHandle Task);

/// <summary>Task -> host: make a child task (task_create); the child answers <paramref name="Reply"/> with TaskCreated.</summary>
/// <param name="Name">The child's name.</param>
/// <param name="Priority">Inherited priority.</param>
/// <param name="Set">Inherited processor set.</param>
/// <param name="Reply">Where TaskCreated goes.</param>
/// <param name="Ports">What the child inherits (bootstrap, exception, registered ports; already counted at their ports).</param>
/// <param name="Space">The address space it inherits (task_create with inherit_memory), or null.</param>
internal sealed record CreateChildTask(string Name, int Priority, ProcessorSetHandle Set, CallerReply Reply, SpecialPorts Ports, ForkedSpace? Space = null)
{
    /// <summary>The parent's emulation vector, which the child inherits (spec 4.1).</summary>
    public EmulationVector Emulation { get; init; } = EmulationVector.Empty;
}

/// <summary>Task -> its new thread's object: the thread's handle with its kernel port.</summary>
/// <param name="Thread">The handle.</param>
internal sealed record ThreadPortAttached(ThreadHandle Thread);

/// <summary>The names a new thread's space holds for the kernel's ports (MachEnv's mach_task_self etc.).</summary>
/// <param name="Task">mach_task_self.</param>
/// <param name="Thread">mach_thread_self.</param>
/// <param name="Host">mach_host_self.</param>
/// <param name="DeviceMaster">The device master port (first tasks only; NULL otherwise).</param>
internal sealed record SelfPorts(Ipc.PortName Task, Ipc.PortName Thread, Ipc.PortName Host, Ipc.PortName DeviceMaster);

/// <summary>What a new task does first: answer its creator, and for a started task run its main thread.</summary>
/// <param name="Reply">Where TaskStarted (with a main thread) or TaskCreated (without) goes.</param>
/// <param name="MainThread">The main thread's program, or null for task_create.</param>
/// <param name="ThreadName">The main thread's name.</param>
/// <param name="DeviceMaster">For a first task, the device master port (the task makes its send right); null otherwise.</param>
/// <param name="Space">For task_create with inherit_memory: the address space made by fork.</param>
internal sealed record TaskStartSpec(CallerReply Reply, ThreadBody? MainThread, string ThreadName, Ipc.PortRef? DeviceMaster = null, ForkedSpace? Space = null)
{
    /// <summary>The emulation vector the task starts with (a child's is its parent's).</summary>
    public EmulationVector Emulation { get; init; } = EmulationVector.Empty;
}

/// <summary>Machine boot -> host and device server: the device master port (the host hands it to the tasks it starts; the server serves it).</summary>
/// <param name="Port">The device master port.</param>
internal sealed record AttachDeviceMaster(Ipc.PortRef Port);

/// <summary>Machine boot -> host: the default pager to spawn and register as the default memory manager (docs/VM.md, as built: paging).</summary>
/// <param name="Pager">The default pager's props.</param>
internal sealed record AttachDefaultPager(Props Pager);
