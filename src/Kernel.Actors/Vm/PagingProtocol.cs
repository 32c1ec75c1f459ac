using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

// The eviction of one page (docs/VM.md, as built: paging): VmResident -> object (PageEvict) ->
// owning task (RemoveFrameMappings) -> object (FrameMappingsRemoved) -> VmResident (PageUnmapped)
// -> object (PageEvicted), or the object declines (PageEvictDeclined).

/// <summary>Host -> <see cref="VmResident"/> at boot: a default pager is registered; the paging daemon runs and allocations wait for frames instead of failing.</summary>
/// <param name="DefaultPager">The default pager.</param>
public sealed record EnablePaging(IActorRef DefaultPager);

/// <summary>The paging daemon (<see cref="VmResident"/>) -> VM object: evict the page at <paramref name="Offset"/>, held in <paramref name="Frame"/>.</summary>
/// <param name="Token">The eviction, echoed in every later message about it.</param>
/// <param name="Frame">The frame the daemon chose.</param>
/// <param name="Offset">The page's offset in the object.</param>
public sealed record PageEvict(long Token, VmFrame Frame, long Offset);

/// <summary>VM object -> <see cref="VmResident"/>: the eviction cannot be done (the page is busy, gone, or kept); the frame goes back to the active queue.</summary>
/// <param name="Token">The eviction.</param>
public sealed record PageEvictDeclined(long Token);

/// <summary>VM object -> its task: remove every pmap mapping of <paramref name="Frame"/> with a TLB shootdown, then answer <see cref="FrameMappingsRemoved"/>.</summary>
/// <param name="Token">The eviction.</param>
/// <param name="Frame">The frame.</param>
public sealed record RemoveFrameMappings(long Token, VmFrame Frame);

/// <summary>Task -> VM object: every mapping of the frame of eviction <paramref name="Token"/> is gone and every CPU acknowledged.</summary>
/// <param name="Token">The eviction.</param>
public sealed record FrameMappingsRemoved(long Token);

/// <summary>
/// VM object -> <see cref="VmResident"/>: the page is unmapped everywhere (and busy in the object);
/// <paramref name="ObjectDirty"/>: the object holds it dirty; <paramref name="Precious"/>: the object
/// must hand it back even when clean (I9), so it is paged out, not dropped.
/// </summary>
/// <param name="Token">The eviction.</param>
/// <param name="ObjectDirty">Whether the object's own state says the page is dirty (folded in with the modify bit).</param>
/// <param name="Precious">Whether the page is precious (its data goes back with data_return, dirty = false when unmodified).</param>
public sealed record PageUnmapped(long Token, bool ObjectDirty, bool Precious = false);

/// <summary>
/// <see cref="VmResident"/> -> VM object: the eviction's outcome. Not paged out: the page was clean and
/// its frame is already free (the object forgets it). Paged out: <paramref name="Data"/> is the page's
/// contents, to go to the pager with data_return before the object frees the frame.
/// </summary>
/// <param name="Token">The eviction.</param>
/// <param name="PagedOut">Whether the page must be paged out.</param>
/// <param name="Data">The page's bytes (paged out only).</param>
/// <param name="Modified">Paged out: the page was modified (false only for a clean precious page, returned with dirty = false).</param>
public sealed record PageEvicted(long Token, bool PagedOut, ImmutableArray<byte> Data, bool Modified = true);
