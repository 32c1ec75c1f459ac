using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Execution;

namespace MachActors.Hardware.Cpu;

/// <summary>Host -> CPU: <paramref name="Scheduler"/> (a processor set) now decides what this CPU runs.</summary>
public sealed record AttachScheduler(IActorRef Scheduler);

/// <summary>CPU -> scheduler: this CPU has nothing to run and wants work (sent when attached).</summary>
public sealed record CpuWantsWork(int Cpu);

/// <summary>Scheduler -> CPU: run <paramref name="Thread"/>. Precondition: the CPU is idle.</summary>
public sealed record RunThread(ThreadExecution Thread);

/// <summary>Scheduler -> CPU: take <paramref name="ThreadId"/> off the CPU at the next safe point.</summary>
/// <param name="ThreadId">The thread the scheduler believes is running (stale requests are ignored).</param>
/// <param name="Reason">Why; echoed in the surrender.</param>
public sealed record PreemptThread(long ThreadId, SurrenderReason Reason);

/// <summary>
/// CPU -> scheduler: the CPU no longer runs <paramref name="Thread"/>, for <paramref name="Reason"/>,
/// after running it for <paramref name="Ran"/> since the last <see cref="CpuTicked"/> report.
/// The scheduler owns the thread from now on and answers with <see cref="RunThread"/> or leaves the CPU idle.
/// </summary>
public sealed record ThreadSurrendered(int Cpu, ThreadExecution Thread, SurrenderReason Reason, Duration Ran);

/// <summary>CPU -> scheduler, each clock tick while running a thread: it ran <paramref name="Ran"/> since the last report.</summary>
public sealed record CpuTicked(int Cpu, long ThreadId, long Tick, Duration Ran);

/// <summary>
/// CPU -> kernel object: a program's kernel call. The server answers the sender with
/// <see cref="KernelCallReply"/>, or with <see cref="KernelCallBlocked"/> and later wakes the thread
/// through <paramref name="Scheduler"/>.
/// </summary>
/// <param name="CallId">Matches the answer to the call.</param>
/// <param name="ThreadId">The calling thread.</param>
/// <param name="Scheduler">The calling thread's processor set (for wakeups).</param>
/// <param name="Request">The call.</param>
public sealed record KernelCall(long CallId, long ThreadId, IActorRef Scheduler, object Request);

/// <summary>Kernel object -> CPU: the call is done; the program's await returns <paramref name="Result"/>.</summary>
public sealed record KernelCallReply(long CallId, object? Result);

/// <summary>Kernel object -> CPU: the call must wait (<paramref name="Channel"/> says on what); the thread leaves the CPU.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Channel">What it waits on.</param>
/// <param name="HandoffThreadId">A thread to run next on this CPU if the scheduler can (IPC handoff), or null.</param>
public sealed record KernelCallBlocked(long CallId, object Channel, long? HandoffThreadId = null);

/// <summary>Anyone -> CPU: report <see cref="CpuStats"/>.</summary>
public sealed record GetCpuStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetCpuStats Instance = new();
}
