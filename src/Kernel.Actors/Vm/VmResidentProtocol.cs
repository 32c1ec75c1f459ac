using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// VM object -> <see cref="VmResident"/>: a frame for the page at <paramref name="Owner"/>, zero-filled or
/// filled with <paramref name="Contents"/> (a page in from the pager); answered with <see cref="FrameAllocated"/>
/// (with paging enabled, when a frame is free again).
/// </summary>
/// <param name="RequestId">The object's id for the request, echoed.</param>
/// <param name="Owner">The object and offset the frame will hold.</param>
/// <param name="Contents">The page's bytes (exactly one page), or default for zeros.</param>
/// <param name="CopyOf">A copy-on-write copy: fill the frame with this frame's bytes, if it still holds that object page (else <see cref="FrameAllocated.SourceGone"/>).</param>
public sealed record FrameAllocate(long RequestId, PageOwner Owner, ImmutableArray<byte> Contents = default, FrameSource? CopyOf = null);

/// <summary>Where a copied page comes from: <paramref name="Frame"/>, expected to hold <paramref name="Owner"/>.</summary>
/// <param name="Frame">The source frame.</param>
/// <param name="Owner">The object page it must still hold.</param>
public readonly record struct FrameSource(VmFrame Frame, PageOwner Owner);

/// <summary><see cref="VmResident"/> -> VM object: the frame for request <paramref name="RequestId"/>, or null when none is free.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Frame">The zero-filled frame, now the object's, or null.</param>
/// <param name="Contents">For a copy: the bytes copied into the frame.</param>
/// <param name="SourceGone">For a copy: the source frame no longer held the page (evicted meanwhile); no frame was taken.</param>
public sealed record FrameAllocated(long RequestId, VmFrame? Frame, ImmutableArray<byte> Contents = default, bool SourceGone = false);

/// <summary>
/// A task -> <see cref="VmResident"/>: spawn the actor of VM object <paramref name="Id"/> (a child of the
/// resident memory, so it outlives the task while another task maps it), shadowing
/// <paramref name="BackingId"/> from <paramref name="BackingOffset"/> when given. Answered with
/// <see cref="VmObjectSpawned"/>. The object starts with one reference (its creator's map); a shadow's
/// reference on its backing object is taken by the creator (<see cref="ObjectReference"/>) before it
/// releases its own.
/// </summary>
/// <param name="Id">The machine-wide object id.</param>
/// <param name="BackingId">The object shadowed, or null.</param>
/// <param name="BackingOffset">Offset in the backing object of the new object's offset 0.</param>
public sealed record SpawnVmObject(long Id, long? BackingId = null, long BackingOffset = 0);

/// <summary>A task -> <see cref="VmResident"/>: the actor of object <paramref name="Id"/> (a map inherited at fork names it); answered with <see cref="VmObjectSpawned"/>.</summary>
/// <param name="Id">The object id.</param>
public sealed record ResolveVmObject(long Id);

/// <summary><see cref="VmResident"/> -> a task: object <paramref name="Id"/>'s actor, or null when it is gone.</summary>
/// <param name="Id">The object id.</param>
/// <param name="Object">Its actor.</param>
public sealed record VmObjectSpawned(long Id, IActorRef? Object);

/// <summary>
/// VM object -> <see cref="VmResident"/>: the object no longer holds <paramref name="Frames"/>. Sent only
/// after every mapping of them was shot down (docs/VM.md rule 5), so no CPU access can follow.
/// </summary>
/// <param name="Frames">The frames.</param>
/// <param name="ObjectGone">The id of the object when it stopped (the resident memory forgets it), else null.</param>
/// <param name="Laundered">Pages the object handed to the default pager (data_return, data_initialize) since its last
/// FrameFree: the laundry, until the default pager credits each (<see cref="PageoutCredit"/>). Sent in the same
/// handler as those pages, so it reaches the resident memory before any credit for them can.</param>
public sealed record FrameFree(IReadOnlyList<VmFrame> Frames, long? ObjectGone = null, int Laundered = 0);

/// <summary>
/// VM object -> <see cref="VmResident"/>: the bytes and modify bits of <paramref name="Frames"/> (the
/// object holds them and has removed every mapping first, so no CPU writes meanwhile); each modify
/// bit is cleared. Answered with <see cref="FrameSnapshotted"/>.
/// </summary>
/// <param name="Token">The object's id for the request, echoed.</param>
/// <param name="Frames">The frames.</param>
public sealed record FrameSnapshot(long Token, IReadOnlyList<VmFrame> Frames);

/// <summary><see cref="VmResident"/> -> VM object: the answer to <see cref="FrameSnapshot"/>, in the request's order.</summary>
/// <param name="Token">The request.</param>
/// <param name="Frames">Each frame's bytes and modify bit.</param>
public sealed record FrameSnapshotted(long Token, IReadOnlyList<FrameContents> Frames);

/// <summary>One frame's bytes and whether a CPU wrote it since its modify bit was last cleared.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Modified">The hardware modify bit (now cleared).</param>
/// <param name="Bytes">The page's bytes.</param>
public sealed record FrameContents(VmFrame Frame, bool Modified, ImmutableArray<byte> Bytes);

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
/// <param name="MemoryObjectPorts">Memory object ports registered (a dead pager's are forgotten).</param>
/// <param name="Unwritten">Pages handed to the default pager and not yet credited now (<see cref="PagingDaemon.Unwritten"/>).</param>
/// <param name="MaxUnwritten">The most such pages at once.</param>
/// <param name="MaxLaundry">The largest laundry seen: evictions in flight plus unwritten pages (<see cref="PagingDaemon.Laundry"/>).</param>
/// <param name="Throttled">Daemon rounds stopped at a full laundry.</param>
public sealed record VmResidentStats(int FreeFrames, int AllocatedFrames, long Accesses, int MemoryObjectPorts = 0, int Unwritten = 0, int MaxUnwritten = 0, int MaxLaundry = 0, long Throttled = 0);
