using System.Collections.Immutable;

namespace MachActors.Hardware.Memory;

/// <summary>
/// CPU -> the owner of physical memory (the kernel's <c>VmResident</c> actor): one access to
/// <paramref name="Frame"/> through a TLB entry the kernel installed. A write when <paramref name="Data"/>
/// is not default (its bytes at <paramref name="Offset"/>), else a read of <paramref name="Length"/> bytes.
/// Answered with <see cref="MemoryAccessDone"/>.
/// </summary>
/// <param name="CallId">The CPU's id for the access, echoed in the answer.</param>
/// <param name="Frame">The frame the TLB translated to.</param>
/// <param name="Offset">Byte offset in the frame.</param>
/// <param name="Length">Bytes to read (reads only).</param>
/// <param name="Data">Bytes to write (writes only).</param>
public sealed record MemoryAccess(long CallId, FrameNumber Frame, int Offset, int Length, ImmutableArray<byte> Data)
{
    /// <summary>True for a write.</summary>
    public bool IsWrite => !Data.IsDefault;
}

/// <summary>Memory -> CPU: the access <paramref name="CallId"/> was performed (or refused with <paramref name="Status"/>); <paramref name="Data"/> holds what a read read.</summary>
/// <param name="CallId">The access.</param>
/// <param name="Status">Success, or the memory's refusal.</param>
/// <param name="Data">The bytes read (empty for writes and refusals).</param>
public sealed record MemoryAccessDone(long CallId, MemoryStatus Status, ImmutableArray<byte> Data);

/// <summary>
/// CPU -> the address space's kernel object (inside a kernel call): the TLB of <paramref name="Cpu"/>
/// has no translation of <paramref name="Page"/> of <paramref name="PmapId"/> allowing <paramref name="Access"/>.
/// The kernel answers <see cref="MemoryTranslation"/> (fill the TLB and retry), a <see cref="MemoryTrapResult"/>
/// (Retry or BadAccess, given to the program), or blocks the thread until the page is resident.
/// </summary>
/// <param name="Cpu">The faulting CPU (it may cache the translation from now on).</param>
/// <param name="PmapId">The address space.</param>
/// <param name="Page">The virtual page.</param>
/// <param name="Access">The access that faulted.</param>
public sealed record MemoryFault(int Cpu, long PmapId, long Page, PageAccess Access);

/// <summary>Kernel -> CPU: page <paramref name="Page"/> is frame <paramref name="Frame"/> with <paramref name="Access"/> (the pmap's entry); the CPU fills its TLB and retries.</summary>
/// <param name="Page">The virtual page.</param>
/// <param name="Frame">Its frame.</param>
/// <param name="Access">The accesses the mapping allows.</param>
public sealed record MemoryTranslation(long Page, FrameNumber Frame, PageAccess Access);

/// <summary>What a memory trap gives the program.</summary>
public enum MemoryTrapOutcome
{
    /// <summary>The access was performed (<see cref="MemoryTrapResult.Data"/>: the bytes read).</summary>
    Done,

    /// <summary>The thread waited for the page; trap again (the restart of a faulting instruction).</summary>
    Retry,

    /// <summary>The access is not allowed: the program raises EXC_BAD_ACCESS with <see cref="MemoryTrapResult.Code"/>.</summary>
    BadAccess,
}

/// <summary>The answer to a memory trap.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Code">For BadAccess: KERN_INVALID_ADDRESS (1), KERN_PROTECTION_FAILURE (2) or KERN_MEMORY_ERROR (10).</param>
/// <param name="Data">For a read that was done: the bytes.</param>
public sealed record MemoryTrapResult(MemoryTrapOutcome Outcome, int Code, ImmutableArray<byte> Data)
{
    /// <summary>Trap again.</summary>
    public static readonly MemoryTrapResult Retry = new(MemoryTrapOutcome.Retry, 0, []);

    /// <summary>A bad access with <paramref name="code"/>.</summary>
    public static MemoryTrapResult Bad(int code) => new(MemoryTrapOutcome.BadAccess, code, []);
}
