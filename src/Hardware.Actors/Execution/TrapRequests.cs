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

/// <summary>
/// A load or store of bytes within one virtual page: the CPU translates <paramref name="Address"/> with
/// its TLB (tagged by <paramref name="PmapId"/>); on a hit it performs the access at
/// <paramref name="Memory"/> (the owner of physical memory), on a miss or a protection fault it asks
/// <paramref name="Server"/> (the address space's kernel object) with a <see cref="Memory.MemoryFault"/>.
/// Returns a <see cref="Memory.MemoryTrapResult"/>.
/// </summary>
/// <param name="Server">The kernel object owning the address space (the task).</param>
/// <param name="Memory">The owner of physical memory.</param>
/// <param name="PmapId">The address space's pmap id.</param>
/// <param name="Address">The first byte.</param>
/// <param name="Length">Bytes to read (reads only); the access must not cross a page boundary.</param>
/// <param name="Data">Bytes to write (writes only; default for a read).</param>
public sealed record MemoryTrap(IActorRef Server, IActorRef Memory, long PmapId, ulong Address, int Length, System.Collections.Immutable.ImmutableArray<byte> Data) : TrapRequest
{
    /// <summary>True for a store.</summary>
    public bool IsWrite => !Data.IsDefault;
}
