using MachActors.Actors;

namespace MachActors.Hardware.Execution;

/// <summary>What a program asks of the machine when it awaits a trap. The CPU acts on it.</summary>
public abstract record TrapRequest;

/// <summary>Run <paramref name="Cycles"/> cycles of user computation. Returns nothing.</summary>
/// <param name="Cycles">How long, in processor cycles (at least 0).</param>
public sealed record ComputeTrap(long Cycles) : TrapRequest;

/// <summary>
/// Give up the processor. With <paramref name="HandoffThreadId"/>, hand it straight to that thread if
/// it is queued in the same processor set (thread_switch); otherwise the scheduler chooses.
/// </summary>
/// <param name="HandoffThreadId">The thread to hand off to, or null.</param>
public sealed record YieldTrap(long? HandoffThreadId = null) : TrapRequest;

/// <summary>End the calling thread with <paramref name="Result"/> (what a join returns). Never returns.</summary>
/// <param name="Result">The thread's result.</param>
public sealed record ExitTrap(object? Result) : TrapRequest;

/// <summary>
/// A kernel call: the CPU sends <paramref name="Request"/> to <paramref name="Server"/> inside a
/// <see cref="Cpu.KernelCall"/> and returns the server's reply to the program, or parks the thread
/// when the server says the call blocks.
/// </summary>
/// <param name="Server">The kernel object that serves the call.</param>
/// <param name="Request">The call (a sealed record of the kernel's protocol).</param>
public sealed record KernelCallTrap(IActorRef Server, object Request) : TrapRequest;
