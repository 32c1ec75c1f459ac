namespace MachActors.Kernel.Kern;

/// <summary>
/// Where a relayed answer goes (see <see cref="CallerReply.Relay"/>): the calling thread's task,
/// which names the new object's port in its space and then answers <paramref name="Original"/>.
/// </summary>
/// <param name="Task">The calling task's object.</param>
/// <param name="Original">The calling thread's answer path.</param>
internal sealed record CallRelay(Actors.IActorRef Task, CallerReply Original);

/// <summary>Object -> calling task: the answer of a relayed kernel-port call, to be named and passed on.</summary>
/// <param name="Result">The call's answer (<see cref="ThreadCreated"/>, <see cref="TaskCreated"/>, <see cref="ProcessorSetCreated"/>, or a failure).</param>
/// <param name="Original">The calling thread's answer path.</param>
internal sealed record RelayedAnswer(object? Result, CallerReply Original);

/// <summary>
/// A kernel-port call that also names a processor set by a send right (thread_assign, task_assign,
/// thread_max_priority, processor_assign): the calling task resolves both names; the set's object
/// builds the call with its handle (<paramref name="Make"/>) and sends it to the target's port.
/// Reply: KernReturn (InvalidArgument when the set name is not a processor set's port).
/// </summary>
/// <param name="Set">The name of a send right to the set's port in the caller's space.</param>
/// <param name="Make">Builds the call for the target's object from the set.</param>
public sealed record WithProcessorSet(Ipc.PortName Set, Func<ProcessorSetHandle, KernelRequest> Make) : KernelRequest;

/// <summary>Calling task -> processor set (through its port): build the call with this set and send it to <paramref name="Target"/>.</summary>
/// <param name="Target">The target object's port (resolved in the caller's space).</param>
/// <param name="Make">Builds the call.</param>
internal sealed record ResolveProcessorSet(Ipc.PortRef Target, Func<ProcessorSetHandle, KernelRequest> Make) : KernelRequest;

/// <summary>A thread's id by port (thread_switch's hint, logs): the thread's object answers its id (a long), or InvalidArgument once it has ended.</summary>
public sealed record ThreadIdQuery : KernelRequest;

/// <summary>processor_set_default (as a trap naming the host by port). Reply: <see cref="ProcessorSetCreated"/> with the default set.</summary>
public sealed record ProcessorSetDefault : KernelRequest;

/// <summary>
/// Calling task -> the task a port names (through that port): mach_port_insert_right or
/// extract_right naming another task by a send right. The named task answers <see cref="TaskResolved"/>
/// to <paramref name="Caller"/>; any other object, a dead port or an ordinary port answers the call's
/// failure, <see cref="Ipc.PortCallReply"/> with InvalidTask (GNU: the port converts to no space).
/// </summary>
/// <param name="Call">The insert or extract call.</param>
/// <param name="Caller">The calling task's object.</param>
internal sealed record TaskResolve(Ipc.PortCall Call, Actors.IActorRef Caller) : KernelRequest;

/// <summary>Named task -> calling task: <paramref name="Task"/> is the task <paramref name="Call"/> named; carry it out.</summary>
/// <param name="Call">The insert or extract call.</param>
/// <param name="Task">The named task's object.</param>
/// <param name="Reply">The calling thread's answer path.</param>
internal sealed record TaskResolved(Ipc.PortCall Call, Actors.IActorRef Task, CallerReply Reply);
