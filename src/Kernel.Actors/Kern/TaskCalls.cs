using MachActors.Actors.Timing;
using MachActors.Kernel.User;

namespace MachActors.Kernel.Kern;

// The task calls of the seeds' table (create, terminate, suspend, resume, priority, assign, info,
// threads) plus thread creation. Sent to a task's kernel object; each reply says its type.

/// <summary>
/// task_create: a child of the target task, inheriting its priority and processor set, and with
/// <paramref name="InheritMemory"/> its address space by each region's inheritance (share, copy-on-write
/// copy, none: docs/VM.md, as built: copy-on-write); answered after the parent's copied pages were
/// write-protected on every CPU. Reply: <see cref="TaskCreated"/>.
/// </summary>
/// <param name="Name">The child's name (default: parent's name + "-child").</param>
/// <param name="InheritMemory">Fork the address space (else the child's is empty).</param>
public sealed record TaskCreate(string? Name = null, bool InheritMemory = false) : KernelRequest;

/// <summary>The answer to <see cref="TaskCreate"/>.</summary>
/// <param name="Result">Success, or InvalidArgument for a terminated parent.</param>
/// <param name="Task">The new task.</param>
public sealed record TaskCreated(KernReturn Result, TaskHandle? Task)
{
    /// <summary>By trap: the name of a send right to the child's port in the caller's space (NULL on failure or from host code).</summary>
    public Ipc.PortName Port { get; init; }
}

/// <summary>task_terminate: kill every thread; the task answers InvalidArgument from then on. Reply: KernReturn.</summary>
public sealed record TaskTerminate : KernelRequest;

/// <summary>task_suspend: increment the suspend count; answers once every thread (but the caller) is off its CPU. Reply: KernReturn.</summary>
public sealed record TaskSuspend : KernelRequest;

/// <summary>task_resume: decrement the suspend count (Failure when already 0). Reply: KernReturn.</summary>
public sealed record TaskResume : KernelRequest;

/// <summary>task_priority: the priority given to new threads; with <paramref name="ChangeThreads"/> also to the existing ones. Reply: KernReturn.</summary>
/// <param name="Priority">0..31, not better than the set's maximum.</param>
/// <param name="ChangeThreads">Apply to the task's threads too.</param>
public sealed record TaskPriority(int Priority, bool ChangeThreads) : KernelRequest;

/// <summary>task_assign: new threads go to <paramref name="Set"/>; with <paramref name="AssignThreads"/> the existing ones move too. Reply: KernReturn.</summary>
/// <param name="Set">The processor set.</param>
/// <param name="AssignThreads">Move the existing threads too.</param>
public sealed record TaskAssign(ProcessorSetHandle Set, bool AssignThreads) : KernelRequest;

/// <summary>task_info (BASIC). Reply: <see cref="TaskInfoReply"/>.</summary>
public sealed record TaskInfo : KernelRequest;

/// <summary>A task's basic information.</summary>
/// <param name="Task">The task.</param>
/// <param name="SuspendCount">Its suspend count.</param>
/// <param name="BasePriority">Priority of new threads.</param>
/// <param name="ThreadCount">Threads not yet ended.</param>
/// <param name="DeadThreadsTime">CPU time of its ended threads.</param>
/// <param name="Terminated">True after task_terminate.</param>
/// <param name="Created">When it was created.</param>
public sealed record TaskBasicInfo(
    TaskHandle Task, int SuspendCount, int BasePriority, int ThreadCount, Duration DeadThreadsTime, bool Terminated, VirtualTime Created);

/// <summary>The answer to <see cref="TaskInfo"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Info">The information.</param>
public sealed record TaskInfoReply(KernReturn Result, TaskBasicInfo? Info);

/// <summary>task_threads: the task's threads that have not ended. Reply: <see cref="TaskThreadsReply"/>.</summary>
public sealed record TaskThreads : KernelRequest;

/// <summary>The answer to <see cref="TaskThreads"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Threads">The threads, in creation order.</param>
public sealed record TaskThreadsReply(KernReturn Result, IReadOnlyList<ThreadHandle> Threads);

/// <summary>
/// thread_create (and cthread_fork): a thread in the task running <paramref name="Body"/>. Mach's
/// thread_create leaves it suspended (count 1) until thread_resume; cthread_fork starts it at once.
/// Reply: <see cref="ThreadCreated"/>.
/// </summary>
/// <param name="Body">The thread's program.</param>
/// <param name="Name">Its name.</param>
/// <param name="Suspended">Start with suspend count 1.</param>
public sealed record ThreadCreate(ThreadBody Body, string Name, bool Suspended) : KernelRequest;

/// <summary>The answer to <see cref="ThreadCreate"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Thread">The new thread.</param>
public sealed record ThreadCreated(KernReturn Result, ThreadHandle? Thread)
{
    /// <summary>The name of a send right to the new thread's port in the calling thread's space (NULL on failure or from host code).</summary>
    public Ipc.PortName Port { get; init; }
}

/// <summary>
/// The system call trap (a UNIX program's <c>syscall</c>): the task looks the number up in its
/// emulation vector. Reply: <see cref="SyscallRedirect"/>; a terminated task answers InvalidArgument.
/// </summary>
/// <param name="Number">The system call number.</param>
public sealed record EmulatedSyscall(int Number) : KernelRequest;

/// <summary>
/// The answer to <see cref="EmulatedSyscall"/>: the trap returns to user mode in the emulation
/// library's handler <paramref name="Handler"/> (0: the number is not emulated).
/// </summary>
/// <param name="Number">The system call number.</param>
/// <param name="Handler">The handler id from the vector, or 0.</param>
public sealed record SyscallRedirect(int Number, int Handler)
{
    /// <summary>For a number that is not emulated: what the bad-syscall exception's handler answered (Success: the thread goes on).</summary>
    public KernReturn Raised { get; init; }

    /// <summary>True when the vector sent the call to a handler.</summary>
    public bool IsEmulated => Handler != 0;
}
