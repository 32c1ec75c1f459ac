namespace MachActors.Kernel.Vm;

/// <summary>VM object -> <see cref="VmResident"/>: a zero-filled frame for the page at <paramref name="Owner"/>; answered with <see cref="FrameAllocated"/>.</summary>
/// <param name="RequestId">The object's id for the request, echoed.</param>
/// <param name="Owner">The object and offset the frame will hold.</param>
public sealed record FrameAllocate(long RequestId, PageOwner Owner);

/// <summary><see cref="VmResident"/> -> VM object: the frame for request <paramref name="RequestId"/>, or null when none is free.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Frame">The zero-filled frame, now the object's, or null.</param>
public sealed record FrameAllocated(long RequestId, VmFrame? Frame);

/// <summary>
/// VM object -> <see cref="VmResident"/>: the object no longer holds <paramref name="Frames"/>. Sent only
/// after every mapping of them was shot down (docs/VM.md rule 5), so no CPU access can follow.
/// </summary>
/// <param name="Frames">The frames.</param>
public sealed record FrameFree(IReadOnlyList<VmFrame> Frames);

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
