namespace MachActors.Kernel.Kern;

// Calls on the host (the kernel's boot object) and on processor sets.

/// <summary>
/// Start a task running the registered program <paramref name="Program"/> in a main thread.
/// Reply: <see cref="TaskStarted"/> (InvalidArgument for an unknown program).
/// </summary>
/// <param name="Program">A name in the program registry.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Name">The task's name (default: the program's).</param>
/// <param name="Priority">Base priority of its threads (default BASEPRI_USER).</param>
/// <param name="Set">Its processor set (default: the default set).</param>
public sealed record StartTask(string Program, IReadOnlyList<string> Args, string? Name = null, int? Priority = null, ProcessorSetHandle? Set = null)
    : KernelRequest;

/// <summary>The answer to <see cref="StartTask"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Task">The task.</param>
/// <param name="MainThread">Its main thread.</param>
public sealed record TaskStarted(KernReturn Result, TaskHandle? Task, ThreadHandle? MainThread);

/// <summary>processor_set_create. Reply: <see cref="ProcessorSetCreated"/>.</summary>
/// <param name="Name">The set's name (default "pset-N").</param>
public sealed record ProcessorSetCreate(string? Name = null) : KernelRequest;

/// <summary>The answer to <see cref="ProcessorSetCreate"/>.</summary>
/// <param name="Result">Success.</param>
/// <param name="Set">The new, empty set.</param>
public sealed record ProcessorSetCreated(KernReturn Result, ProcessorSetHandle? Set)
{
    /// <summary>By trap: the name of a send right to the set's port in the caller's space (NULL on failure or from host code).</summary>
    public Ipc.PortName Port { get; init; }
}

/// <summary>processor_assign: move CPU <paramref name="Cpu"/> to <paramref name="Set"/> (the master CPU 0 cannot move). Reply: KernReturn.</summary>
/// <param name="Cpu">The processor.</param>
/// <param name="Set">Its new set.</param>
public sealed record ProcessorAssign(int Cpu, ProcessorSetHandle Set) : KernelRequest;

/// <summary>host_processor_sets. Reply: <see cref="ProcessorSetsReply"/>.</summary>
public sealed record HostProcessorSets : KernelRequest;

/// <summary>The answer to <see cref="HostProcessorSets"/>.</summary>
/// <param name="Sets">Every set, the default set first.</param>
public sealed record ProcessorSetsReply(IReadOnlyList<ProcessorSetHandle> Sets);

/// <summary>Every thread ever created, in creation order (ended ones included). Reply: <see cref="HostThreadsReply"/>.</summary>
public sealed record HostThreads : KernelRequest;

/// <summary>The answer to <see cref="HostThreads"/>.</summary>
/// <param name="Threads">The threads.</param>
public sealed record HostThreadsReply(IReadOnlyList<ThreadHandle> Threads);

/// <summary>processor_set_info (BASIC and SCHED). Sent to a processor set. Reply: <see cref="ProcessorSetInfoReply"/>.</summary>
public sealed record ProcessorSetInfo : KernelRequest;

/// <summary>A processor set's information.</summary>
/// <param name="Set">The set.</param>
/// <param name="Cpus">Its processors.</param>
/// <param name="ThreadCount">Threads assigned to it.</param>
/// <param name="Runnable">Runnable threads (queued and running).</param>
/// <param name="MaxPriority">Best priority its threads may have.</param>
public sealed record ProcessorSetBasicInfo(ProcessorSetHandle Set, IReadOnlyList<int> Cpus, int ThreadCount, int Runnable, int MaxPriority);

/// <summary>The answer to <see cref="ProcessorSetInfo"/>.</summary>
/// <param name="Result">Success.</param>
/// <param name="Info">The information.</param>
public sealed record ProcessorSetInfoReply(KernReturn Result, ProcessorSetBasicInfo? Info);

/// <summary>
/// Host code -> host: start an external pager, an actor made from <paramref name="Pager"/> under the
/// kernel's pager supervisor (a pager that throws is stopped, never restarted, so its objects see it
/// die, R11). Reply: the pager's <see cref="MachActors.Actors.IActorRef"/>.
/// </summary>
/// <param name="Pager">The pager's props.</param>
public sealed record StartPager(MachActors.Actors.Props Pager) : KernelRequest;

/// <summary>Host code -> host: the actor that makes memory object ports (<see cref="Vm.MemoryObjectPortCreate"/>). Reply: its <see cref="MachActors.Actors.IActorRef"/>.</summary>
public sealed record HostMemoryObjects : KernelRequest;

/// <summary>Host code -> host: the default pager's actor. Reply: <see cref="HostDefaultPagerReply"/>.</summary>
public sealed record HostDefaultPager : KernelRequest;

/// <summary>The answer to <see cref="HostDefaultPager"/>.</summary>
/// <param name="Pager">The default pager, or null on a machine without swap.</param>
public sealed record HostDefaultPagerReply(MachActors.Actors.IActorRef? Pager);

/// <summary>
/// Host code -> host: check a send right to <paramref name="Port"/> in with the built-in name server
/// under <paramref name="Name"/> (no signature), so programs find it with netname_look_up. The right is
/// made (counted at the port) before the table holds it. Reply: <see cref="Mig.Interfaces.NetnameReturn"/>.
/// </summary>
/// <param name="Name">The name.</param>
/// <param name="Port">The port.</param>
public sealed record PublishPort(string Name, Ipc.PortRef Port) : KernelRequest;
