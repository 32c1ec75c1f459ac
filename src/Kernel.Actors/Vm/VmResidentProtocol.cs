using System.Collections.Immutable;

namespace MachActors.Kernel.Vm;

/// <summary>
/// VM object -> <see cref="VmResident"/>: a frame for the page at <paramref name="Owner"/>, zero-filled or
/// filled with <paramref name="Contents"/> (a page in from the pager); answered with <see cref="FrameAllocated"/>
/// (with paging enabled, when a frame is free again).
/// </summary>
/// <param name="RequestId">The object's id for the request, echoed.</param>
/// <param name="Owner">The object and offset the frame will hold.</param>
/// <param name="Contents">The page's bytes (exactly one page), or default for zeros.</param>
public sealed record FrameAllocate(long RequestId, PageOwner Owner, ImmutableArray<byte> Contents = default);

/// <summary><see cref="VmResident"/> -> VM object: the frame for request <paramref name="RequestId"/>, or null when none is free.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Frame">The zero-filled frame, now the object's, or null.</param>
public sealed record FrameAllocated(long RequestId, VmFrame? Frame);

/// <summary>
/// VM object -> <see cref="VmResident"/>: the object no longer holds <paramref name="Frames"/>. Sent only
/// after every mapping of them was shot down (docs/VM.md rule 5), so no CPU access can follow.
/// </summary>
/// <param name="Frames">The frames.</param>
/// <param name="ObjectGone">The id of the object when it stopped (the resident memory forgets it), else null.</param>
public sealed record FrameFree(IReadOnlyList<VmFrame> Frames, long? ObjectGone = null);

/// <summary>Anyone -> <see cref="VmResident"/>: replies <see cref="VmResidentStats"/>.</summary>
public sealed record GetVmResidentStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetVmResidentStats Instance = new();
}

/// <summary>Frames and accesses so far.</summary>
/// <param name="FreeFrames">Frames on the free queue.</param>
/// <param name="AllocatedFrames">Frames held by VM objects.</param>
/// <param name="Accesses">CPU accesses performed.</param>
public sealed record VmResidentStats(int FreeFrames, int AllocatedFrames, long Accesses);
