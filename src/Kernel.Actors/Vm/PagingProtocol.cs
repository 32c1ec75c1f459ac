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

// Laundry (docs/VM.md, as built: paging): VmResident -> default pager (PageoutCreditsTo, once, at
// EnablePaging); VM object -> VmResident (FrameFree.Laundered: data_returns just sent to the default
// pager); default pager -> VmResident (PageoutCredit: one per data_return / data_initialize, once its
// fate is settled). The daemon throttles on evictions in flight plus pages laundered and not credited.

/// <summary><see cref="VmResident"/> -> the default pager, at <see cref="EnablePaging"/>: send a <see cref="PageoutCredit"/> for every page handed over to <paramref name="Resident"/>.</summary>
/// <param name="Resident">The resident memory (the paging daemon's actor).</param>
public sealed record PageoutCreditsTo(IActorRef Resident);

/// <summary>What became of a page the kernel handed to the default pager (data_return or data_initialize).</summary>
public enum PageoutFate
{
    /// <summary>Written to swap.</summary>
    Written,

    /// <summary>The disk write failed (the object is poisoned: later requests get data_error).</summary>
    WriteFailed,

    /// <summary>Not stored: no swap slot was free (the page is lost; requests for it get data_error NoSpace).</summary>
    SwapFull,

    /// <summary>data_initialize of a page already stored (first copy wins).</summary>
    AlreadyStored,

    /// <summary>Dropped: a terminated incarnation, a seqno already seen, a malformed page, or a poisoned or refused object.</summary>
    Dropped,
}

/// <summary>
/// The default pager -> <see cref="VmResident"/>: the page of a data_return or data_initialize it
/// received is settled (<paramref name="Fate"/>): it no longer waits in the default pager, so it leaves
/// the laundry. Exactly one per such message received.
/// </summary>
/// <param name="Control">The incarnation the page was returned on.</param>
/// <param name="Offset">The page's offset.</param>
/// <param name="Fate">What became of it.</param>
public sealed record PageoutCredit(ControlIncarnation Control, long Offset, PageoutFate Fate);
