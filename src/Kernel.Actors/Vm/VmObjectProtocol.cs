using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// Fault path (a task) -> <see cref="VmObject"/>: fault <paramref name="FaultId"/> needs the page at
/// <paramref name="Offset"/> for <paramref name="Access"/>; answered with <see cref="ObjectFaultAnswer"/>
/// (at once or after a wait). A shadow object asks its backing object the same way, with
/// <paramref name="Chained"/> set: the backing object then answers Unavailable instead of zero-filling
/// (a missing page at the bottom of a chain is zero-filled in the top object).
/// </summary>
/// <param name="FaultId">The asker's id for the fault.</param>
/// <param name="Offset">The page's offset in the object.</param>
/// <param name="Access">The access wanted.</param>
/// <param name="Mapper">The task that will enter the page in its pmap (null: the sender); recorded by the object whose frame is answered, so its eviction asks that task to remove the mapping.</param>
/// <param name="Chained">Asked by a shadow object on a fault's behalf.</param>
public sealed record ObjectFault(long FaultId, long Offset, VmProt Access, IActorRef? Mapper = null, bool Chained = false)
{
    /// <summary>
    /// A source object's push into its copy object (COPY_DELAY): the copy must hold its own page at the
    /// offset (copied up from the source if it has none); nobody maps the answer, so no mapper is
    /// recorded, and the copy's own contents do not change, so it pushes nothing to its own copies.
    /// </summary>
    public bool Push { get; init; }
}

/// <summary><see cref="VmObject"/> -> fault path: the answer to fault <paramref name="FaultId"/> (Resident with a frame, or MemoryError).</summary>
/// <param name="FaultId">The fault.</param>
/// <param name="Answer">The answer (its offset is the asked object's).</param>
/// <param name="ReadOnly">The frame belongs to an object lower in the chain: it may only be mapped without write access.</param>
public sealed record ObjectFaultAnswer(long FaultId, VmFaultAnswer Answer, bool ReadOnly = false)
{
    /// <summary>For a Resident answer: the object page that holds the frame (a copy checks it still does).</summary>
    public PageOwner? Owner { get; init; }
}

/// <summary>A map (or a new shadow object) -> <see cref="VmObject"/>: one more reference; each is dropped by one <see cref="ObjectRelease"/>.</summary>
public sealed record ObjectReference
{
    /// <summary>The one instance.</summary>
    public static readonly ObjectReference Instance = new();
}

/// <summary>
/// A map -> <see cref="VmObject"/>: the map dropped its reference. At the last reference the object
/// frees its frames and stops. Sent only after every mapping of its pages was shot down (rule 5).
/// </summary>
public sealed record ObjectRelease
{
    /// <summary>The one instance.</summary>
    public static readonly ObjectRelease Instance = new();
}

/// <summary>
/// A shadow object that copied a page up -> down its shadow chain (GNU Mach's "flush all uses of the
/// original page"): the object <see cref="FrameSource.Owner"/> names has every mapper remove its mappings
/// of <see cref="FrameSource.Frame"/> (<see cref="RemoveFrameMappings"/>, with shootdowns), then answers the
/// original asker <see cref="FrameMappingsRemoved"/>; an object that is not the owner passes it to its
/// backing object; the bottom of the chain (the owner gone, so its mappings are too) answers at once.
/// </summary>
/// <param name="Token">The asker's id for the flush, echoed.</param>
/// <param name="Source">The frame copied and the object page it held.</param>
public sealed record FlushFrameMappings(long Token, FrameSource Source);

/// <summary>
/// A task -> the shared (source) <see cref="VmObject"/>: make copy object <paramref name="CopyId"/> of
/// [<paramref name="SourceOffset"/>, + <paramref name="Size"/>) (COPY_DELAY, pager-protocol.md section 6).
/// The source spawns it (a shadow of itself, through the resident memory), registers it as one of its
/// copy objects, removes every mapping of its resident pages (so no writable one is left), and only
/// then answers the task <see cref="VmObjectSpawned"/> with the copy's actor. The task took the copy's
/// reference on the source (<see cref="ObjectReference"/>) first.
/// </summary>
/// <param name="CopyId">The copy's machine-wide object id.</param>
/// <param name="SourceOffset">The source offset of the copy's offset 0.</param>
/// <param name="Size">Bytes copied.</param>
public sealed record MakeCopyObject(long CopyId, long SourceOffset, long Size);

/// <summary>
/// A task -> a shared <see cref="VmObject"/> (vm_write or vm_copy into shared memory, the map's
/// <see cref="VmMapEffect.ObjectOverwritten"/>): its pages [<paramref name="TargetOffset"/>, +
/// <paramref name="Size"/>) take the contents of <paramref name="Source"/> from
/// <paramref name="SourceOffset"/> (null: zeros), page by page, each pushed into the object's copy
/// objects first and every mapping of the old page removed; every sharer sees the new data. The
/// message carries one reference on the source, released when done. Answered
/// <see cref="ObjectOverwriteDone"/>.
/// </summary>
/// <param name="Token">The task's id for the overwrite, echoed.</param>
/// <param name="TargetOffset">First offset written (page-aligned).</param>
/// <param name="Source">The data's object, or null for zeros.</param>
/// <param name="SourceOffset">The data's offset in it (page-aligned).</param>
/// <param name="Size">Bytes (whole pages).</param>
public sealed record ObjectOverwrite(long Token, long TargetOffset, IActorRef? Source, long SourceOffset, long Size);

/// <summary><see cref="VmObject"/> -> the task: overwrite <paramref name="Token"/> is done; <paramref name="Code"/> is Success, or the first failure (a page whose data could not be read or placed keeps its old contents).</summary>
/// <param name="Token">The overwrite.</param>
/// <param name="Code">Success or the first failure.</param>
public sealed record ObjectOverwriteDone(long Token, KernReturn Code);

/// <summary>A shadow object -> its backing object, when it starts: the backing object knows its shadows, so it can offer to collapse into its only one.</summary>
public sealed record ShadowAttached
{
    /// <summary>The one instance.</summary>
    public static readonly ShadowAttached Instance = new();
}

/// <summary>
/// A backing object -> its only shadow, when that shadow holds its only reference and neither has a
/// pager (GNU vm_object_collapse): the shadow may take its pages and its backing link. The shadow
/// answers <see cref="CollapseAccept"/> once it is idle.
/// </summary>
public sealed record CollapseOffer
{
    /// <summary>The one instance.</summary>
    public static readonly CollapseOffer Instance = new();
}

/// <summary>The shadow -> the backing object: send your pages (<see cref="CollapsePages"/>), or <see cref="CollapseDeclined"/> when no longer collapsible.</summary>
public sealed record CollapseAccept
{
    /// <summary>The one instance.</summary>
    public static readonly CollapseAccept Instance = new();
}

/// <summary>
/// The backing object -> the shadow: its resident pages (offset, frame), none busy, its own backing link
/// (its reference on it passes to the shadow when the collapse is done), and what the shadow needs to
/// answer a <see cref="FlushFrameMappings"/> for its frames from then on: its mappers and the ids it
/// answers for (its own and those it absorbed).
/// </summary>
/// <param name="Owners">The backing object's id and the ids of objects it absorbed before.</param>
/// <param name="Pages">The backing object's pages.</param>
/// <param name="Backing">Its backing link, or null at the bottom.</param>
/// <param name="Mappers">The tasks that mapped its frames.</param>
public sealed record CollapsePages(IReadOnlyList<long> Owners, IReadOnlyList<(long Offset, VmFrame Frame)> Pages, VmShadowLink? Backing, IReadOnlyList<IActorRef> Mappers);

/// <summary>The backing object -> the shadow: not collapsible any more (it is busy or has another reference); it offers again later.</summary>
public sealed record CollapseDeclined
{
    /// <summary>The one instance.</summary>
    public static readonly CollapseDeclined Instance = new();
}

/// <summary>
/// The shadow -> the backing object: the collapse is done (<paramref name="Switched"/>: the shadow took
/// the pages it lacked and the backing link, and releases the backing object next, which removes every
/// mapping of its frames before freeing them) or abandoned (the backing object goes on as before).
/// </summary>
/// <param name="Switched">Whether the shadow now bypasses the backing object.</param>
public sealed record CollapseDone(bool Switched);

/// <summary>
/// A source object -> a copy object it just made (before anyone else learns the copy): the copy's
/// backing object changes (it pushes pages before modifying them), so a page the copy makes for itself
/// (zero fill) is kept dirty: dropped as clean, a later read would find the source's newer data.
/// A copy object is never collapsed into its shadow (the shadow would read the source unprotected).
/// </summary>
public sealed record CopyObjectOf
{
    /// <summary>The one instance.</summary>
    public static readonly CopyObjectOf Instance = new();
}
