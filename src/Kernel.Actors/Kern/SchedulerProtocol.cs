using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

// Messages between the kernel's objects and the processor sets, about scheduling. (The CPUs speak
// the hardware's protocol, MachActors.Hardware.Cpu.)

/// <summary>Task or processor set -> processor set: take charge of this thread (new, or moving in).</summary>
/// <param name="Thread">The thread's record (ownership passes with the message).</param>
internal sealed record AdoptThread(SchedThread Thread);

/// <summary>Kernel object -> processor set: the thread blocked on <paramref name="Channel"/> may go on, its call returning <paramref name="Result"/>.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Channel">The wait (by identity: a wakeup for another wait is ignored).</param>
/// <param name="Result">What the blocked call returns.</param>
/// <param name="HandoffFrom">
/// IPC handoff (spec 5.6): the running thread that is about to block and hand its CPU to this one
/// (an RPC's sender). The set then keeps the woken thread queued for that CPU instead of giving it
/// an idle one, until the sender gives its CPU back. Null for an ordinary wakeup.
/// </param>
public sealed record WakeThread(long ThreadId, WaitChannel Channel, object? Result, long? HandoffFrom = null);

/// <summary>
/// Task -> processor set: the task's suspend count became positive (or zero) for these threads.
/// When suspending, <paramref name="AckTo"/> gets <paramref name="Ack"/> once all of them but
/// <paramref name="ExceptThread"/> (the caller, who stops on return) are off their CPUs.
/// </summary>
internal sealed record SetTaskSuspended(IReadOnlyList<long> ThreadIds, bool Suspended, long? ExceptThread, IActorRef AckTo, object Ack);

/// <summary>Host -> processor set: give <paramref name="Cpu"/> up to <paramref name="Destination"/> (processor_assign).</summary>
internal sealed record ReleaseCpu(int Cpu, IActorRef Destination);

/// <summary>Processor set -> thread object -> task: the thread ended (exit, fault, termination) after <paramref name="CpuTime"/> of CPU.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Reason">How it ended.</param>
/// <param name="CpuTime">Its total CPU time.</param>
/// <param name="Last">Its information as it ended (priorities, policy, dispatches), for thread_info of the ended thread.</param>
public sealed record ThreadEnded(long ThreadId, SurrenderReason Reason, Duration CpuTime, ThreadBasicInfo? Last = null);

/// <summary>Processor set -> thread object: the thread now belongs to <paramref name="Set"/>.</summary>
/// <param name="Set">Its new processor set.</param>
internal sealed record ThreadMoved(ProcessorSetHandle Set);

/// <summary>
/// Processor set -> the owner of a wait: forget <paramref name="ThreadId"/>'s wait; for thread_abort
/// (<paramref name="WakeAborted"/>) also wake it with the call's "aborted" reply. Ignored when the
/// wait was already granted.
/// </summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Channel">The wait.</param>
/// <param name="WakeAborted">Wake the thread with an aborted reply (abort) rather than drop it (termination).</param>
public sealed record CancelWait(long ThreadId, WaitChannel Channel, bool WakeAborted);

/// <summary>Thread object -> its processor set: a thread call that concerns scheduling, for <paramref name="ThreadId"/>.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Request">The call.</param>
internal sealed record SchedCall(long ThreadId, KernelRequest Request);

/// <summary>Thread object -> task: the thread now belongs to <paramref name="Set"/>.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Set">Its processor set.</param>
internal sealed record ThreadSetChanged(long ThreadId, ProcessorSetHandle Set);

/// <summary>
/// Kernel object -> processor set: <paramref name="ThreadId"/> will not hand its CPU over after all
/// (the receive half of its RPC was answered without blocking); a thread kept for its CPU
/// (<see cref="WakeThread.HandoffFrom"/>) is queued as usual.
/// </summary>
/// <param name="ThreadId">The thread that held the reservation.</param>
public sealed record HandoffDeclined(long ThreadId);
