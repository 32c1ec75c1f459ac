using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>What lock_request returns to the pager per page (spec §2.2, <c>memory_object_return_t</c>).</summary>
public enum LockReturnPolicy
{
    /// <summary>Return nothing (with flush: discard even dirty or precious data).</summary>
    None = 0,

    /// <summary>Return dirty pages.</summary>
    Dirty = 1,

    /// <summary>Return dirty and precious pages.</summary>
    All = 2,
}

/// <summary>
/// A pager -> kernel call on a control port (spec §2.2). <see cref="Control"/> names the incarnation
/// the pager means; a stale or unknown one is ignored and counted (docs/VM.md rule 3).
/// </summary>
/// <param name="Control">The control port the call arrived on.</param>
public abstract record PagerControlMessage(ControlIncarnation Control);

/// <summary>memory_object_ready: the object is usable; wakes faults waiting for readiness (I3).</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="MayCache">Keep the object and its pages after the last unmap.</param>
/// <param name="CopyStrategy">The copy strategy.</param>
public sealed record Ready(ControlIncarnation Control, bool MayCache, VmCopyStrategy CopyStrategy) : PagerControlMessage(Control);

/// <summary>memory_object_change_attributes: as ready, then change_completed to <paramref name="ReplyTo"/> (I12).</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="MayCache">may_cache.</param>
/// <param name="CopyStrategy">The copy strategy.</param>
/// <param name="ReplyTo">Where change_completed goes, or null for none.</param>
public sealed record ChangeAttributes(ControlIncarnation Control, bool MayCache, VmCopyStrategy CopyStrategy, IActorRef? ReplyTo) : PagerControlMessage(Control);

/// <summary>memory_object_get_attributes (RPC): the answer goes to <paramref name="ReplyTo"/> as <see cref="AttributesReply"/>.</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="ReplyTo">The asker.</param>
public sealed record GetAttributes(ControlIncarnation Control, IActorRef ReplyTo) : PagerControlMessage(Control);

/// <summary>memory_object_data_supply: whole pages from <paramref name="Offset"/> on, processed per page by I4.</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset of the first page.</param>
/// <param name="Pages">The pages, each exactly one page of bytes.</param>
/// <param name="LockValue">Accesses prohibited on the supplied pages.</param>
/// <param name="Precious">The kernel holds the only copy and must return it before discarding it (I9).</param>
/// <param name="ReplyTo">Where supply_completed goes, or null for none.</param>
public sealed record DataSupply(ControlIncarnation Control, long Offset, ImmutableArray<ImmutableArray<byte>> Pages, VmProt LockValue, bool Precious, IActorRef? ReplyTo) : PagerControlMessage(Control);

/// <summary>memory_object_data_unavailable: no data here; waiting faults continue down the shadow chain or zero-fill (I5).</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Size">Bytes (whole pages).</param>
public sealed record DataUnavailable(ControlIncarnation Control, long Offset, long Size) : PagerControlMessage(Control);

/// <summary>memory_object_data_error: the data cannot be had; faults waiting now take a memory error (I6).</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Size">Bytes (whole pages).</param>
/// <param name="Error">The pager's reason (the faults get MemoryError).</param>
public sealed record DataError(ControlIncarnation Control, long Offset, long Size, KernReturn Error) : PagerControlMessage(Control);

/// <summary>memory_object_lock_request: per page, lock, return, flush (spec §2.2 order); then lock_completed.</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Size">Bytes (whole pages).</param>
/// <param name="ShouldReturn">Which pages go back with data_return.</param>
/// <param name="ShouldFlush">Discard the pages afterwards.</param>
/// <param name="LockValue">The new page_lock, or null for VM_PROT_NO_CHANGE.</param>
/// <param name="ReplyTo">Where lock_completed goes, or null for none.</param>
public sealed record LockRequest(ControlIncarnation Control, long Offset, long Size, LockReturnPolicy ShouldReturn, bool ShouldFlush, VmProt? LockValue, IActorRef? ReplyTo) : PagerControlMessage(Control);

/// <summary>memory_object_destroy: shut the object down despite mappings; terminate follows.</summary>
/// <param name="Control">The incarnation.</param>
/// <param name="Reason">Ignored.</param>
public sealed record Destroy(ControlIncarnation Control, KernReturn Reason) : PagerControlMessage(Control);
