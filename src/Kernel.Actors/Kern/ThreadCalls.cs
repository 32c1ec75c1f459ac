using MachActors.Actors.Timing;

namespace MachActors.Kernel.Kern;

// The thread calls (create is a task call): terminate, suspend, resume, priority, max priority,
// policy, info, abort, assign, bind, and the C-threads join and detach. Sent to a thread's kernel
// object; the scheduling ones it passes on to the thread's processor set.

/// <summary>thread_terminate (any thread, including oneself). Reply: KernReturn.</summary>
public sealed record ThreadTerminate : KernelRequest;

/// <summary>thread_suspend: increment the suspend count. Reply: KernReturn.</summary>
public sealed record ThreadSuspend : KernelRequest;

/// <summary>thread_resume: decrement the suspend count (Failure when already 0). Reply: KernReturn.</summary>
public sealed record ThreadResume : KernelRequest;

/// <summary>thread_abort: a wait the thread is in returns Aborted. Reply: KernReturn.</summary>
public sealed record ThreadAbort : KernelRequest;

/// <summary>thread_priority: set the base priority (and the max too when <paramref name="SetMax"/>). InvalidArgument above the max. Reply: KernReturn.</summary>
/// <param name="Priority">0..31 (lower is better).</param>
/// <param name="SetMax">Also lower the max to it.</param>
public sealed record ThreadSetPriority(int Priority, bool SetMax = false) : KernelRequest;

/// <summary>thread_max_priority (needs the set's control port in Mach). Reply: KernReturn.</summary>
/// <param name="MaxPriority">The best priority the thread may have, 0..31.</param>
public sealed record ThreadSetMaxPriority(int MaxPriority) : KernelRequest;

/// <summary>thread_policy. Reply: KernReturn.</summary>
/// <param name="Policy">Timesharing or fixed priority.</param>
/// <param name="QuantumMs">Fixed priority: the quantum, rounded up to whole ticks (0: the minimum quantum).</param>
public sealed record ThreadSetPolicy(SchedPolicy Policy, int QuantumMs = 0) : KernelRequest;

/// <summary>thread_assign: move the thread to <paramref name="Set"/>. Reply: KernReturn.</summary>
/// <param name="Set">The processor set.</param>
public sealed record ThreadAssign(ProcessorSetHandle Set) : KernelRequest;

/// <summary>Bind the thread to one CPU's local run queue (null unbinds). Reply: KernReturn.</summary>
/// <param name="Cpu">The CPU, which must be in the thread's set.</param>
public sealed record ThreadBind(int? Cpu) : KernelRequest;

/// <summary>thread_info (BASIC and SCHED). Reply: <see cref="ThreadInfoReply"/>.</summary>
public sealed record ThreadInfo : KernelRequest;

/// <summary>A thread's run state, as thread_info reports it.</summary>
public enum ThreadRunState
{
    /// <summary>On a CPU.</summary>
    Running = 1,

    /// <summary>Suspended (its own or its task's count is positive).</summary>
    Stopped = 2,

    /// <summary>Blocked in a kernel call.</summary>
    Waiting = 3,

    /// <summary>Runnable, on a run queue.</summary>
    Runnable = 4,

    /// <summary>Ended (exit, fault or termination).</summary>
    Halted = 5,
}

/// <summary>A thread's basic and scheduling information.</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Task">Its task.</param>
/// <param name="State">Run state.</param>
/// <param name="CpuTime">CPU time used.</param>
/// <param name="BasePriority">Base priority.</param>
/// <param name="MaxPriority">Best priority allowed.</param>
/// <param name="SchedPriority">Priority used for queueing now.</param>
/// <param name="Policy">Scheduling policy.</param>
/// <param name="SuspendCount">Its own suspend count.</param>
/// <param name="Dispatches">Times it was put on a CPU.</param>
/// <param name="ProcessorSet">Its processor set's id.</param>
/// <param name="Waiting">What it waits on, when waiting.</param>
public sealed record ThreadBasicInfo(
    ThreadHandle Thread, TaskHandle Task, ThreadRunState State, Duration CpuTime, int BasePriority, int MaxPriority,
    int SchedPriority, SchedPolicy Policy, int SuspendCount, long Dispatches, int ProcessorSet, string? Waiting);

/// <summary>The answer to <see cref="ThreadInfo"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Info">The information.</param>
public sealed record ThreadInfoReply(KernReturn Result, ThreadBasicInfo? Info);

/// <summary>cthread_join: wait until the thread ends. Reply: <see cref="JoinResult"/>.</summary>
public sealed record ThreadJoin : KernelRequest;

/// <summary>The answer to <see cref="ThreadJoin"/>.</summary>
/// <param name="Result">Success; InvalidArgument for a detached thread, a second join, or joining oneself; Aborted when interrupted.</param>
/// <param name="Value">The joined thread's result (its exit value).</param>
public sealed record JoinResult(KernReturn Result, object? Value);

/// <summary>cthread_detach: nobody will join the thread. Reply: KernReturn.</summary>
public sealed record ThreadDetach : KernelRequest;
