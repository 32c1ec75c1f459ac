using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A kernel -> pager message (spec §2.1). Every one carries the VM object's sequence number
/// (Mach's msgh_seqno, counted per object across incarnations), so a pager working in parallel can
/// restore the order the object sent them in (I14).
/// </summary>
/// <param name="Seqno">The object's sequence number of this message (0, 1, 2, ... in emission order).</param>
public abstract record PagerMessage(long Seqno);

/// <summary>memory_object_init: first use of the memory object by this kernel; the pager answers ready (or destroy).</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The new incarnation's control port.</param>
/// <param name="Name">The object's name port (an identity token).</param>
/// <param name="PageSize">The kernel's page size in bytes.</param>
/// <param name="Key">Which memory object: the pager's key given when the memory object port was made
/// (<see cref="MemoryObjectPortCreate"/>); the pager maps <paramref name="Control"/> to it, since every
/// later message of the incarnation names only the control port. 0 when bound without a port.</param>
public sealed record MemoryObjectInit(long Seqno, ControlIncarnation Control, long Name, int PageSize, long Key = 0) : PagerMessage(Seqno);

/// <summary>memory_object_data_request: a cache miss; the pager answers data_supply, data_unavailable or data_error.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Length">Bytes (always one page).</param>
/// <param name="DesiredAccess">The access the fault needs.</param>
public sealed record DataRequest(long Seqno, ControlIncarnation Control, long Offset, long Length, VmProt DesiredAccess) : PagerMessage(Seqno);

/// <summary>memory_object_data_unlock: the page is resident but its page_lock forbids <paramref name="DesiredAccess"/> (I7).</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Length">Bytes (one page).</param>
/// <param name="DesiredAccess">The accesses asked for (the page's unlock_request).</param>
public sealed record DataUnlock(long Seqno, ControlIncarnation Control, long Offset, long Length, VmProt DesiredAccess) : PagerMessage(Seqno);

/// <summary>memory_object_data_return: a page leaves (or is cleaned); the pager owns <paramref name="Data"/>.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Data">The page's bytes (one page).</param>
/// <param name="Dirty">The page was modified (false: a clean precious page handed back).</param>
/// <param name="KernelCopy">The kernel kept a copy (clean without flush).</param>
public sealed record DataReturn(long Seqno, ControlIncarnation Control, long Offset, ImmutableArray<byte> Data, bool Dirty, bool KernelCopy) : PagerMessage(Seqno);

/// <summary>memory_object_lock_completed: to a lock_request's reply_to, after all its actions (and data_returns) were sent.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">The request's offset.</param>
/// <param name="Length">The request's size.</param>
public sealed record LockCompleted(long Seqno, ControlIncarnation Control, long Offset, long Length) : PagerMessage(Seqno);

/// <summary>memory_object_supply_completed: to a data_supply's reply_to.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">The supply's offset.</param>
/// <param name="Length">The supply's length.</param>
/// <param name="Result">Success, or MemoryPresent when a page was refused.</param>
/// <param name="ErrorOffset">The first refused page (the supply's end when none was).</param>
public sealed record SupplyCompleted(long Seqno, ControlIncarnation Control, long Offset, long Length, KernReturn Result, long ErrorOffset) : PagerMessage(Seqno);

/// <summary>memory_object_change_completed: to change_attributes' reply_to; no control port on purpose (R5).</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="MayCache">The object's may_cache now.</param>
/// <param name="CopyStrategy">The object's copy strategy now.</param>
public sealed record ChangeCompleted(long Seqno, bool MayCache, VmCopyStrategy CopyStrategy) : PagerMessage(Seqno);

/// <summary>memory_object_terminate: the last message of an incarnation; the pager gets control and name back.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The ended incarnation.</param>
/// <param name="Name">The name port.</param>
public sealed record Terminate(long Seqno, ControlIncarnation Control, long Name) : PagerMessage(Seqno);

/// <summary>memory_object_create (default pager only): the kernel hands over an anonymous object; no init, no ready.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="MemoryObject">The new memory object's identity (its receive right moves to the pager).</param>
/// <param name="Size">The object's size in bytes.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Name">The name port.</param>
/// <param name="PageSize">The kernel's page size.</param>
public sealed record MemoryObjectCreate(long Seqno, long MemoryObject, long Size, ControlIncarnation Control, long Name, int PageSize) : PagerMessage(Seqno);

/// <summary>memory_object_data_initialize (default pager only): store the page only if never stored ("first copy wins").</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Control">The incarnation.</param>
/// <param name="Offset">Page-aligned offset.</param>
/// <param name="Data">The page's bytes.</param>
public sealed record DataInitialize(long Seqno, ControlIncarnation Control, long Offset, ImmutableArray<byte> Data) : PagerMessage(Seqno);

/// <summary>The reply to get_attributes (an RPC), to its reply_to.</summary>
/// <param name="Seqno">Per-object sequence number.</param>
/// <param name="Result">Success.</param>
/// <param name="Ready">The object is ready.</param>
/// <param name="MayCache">may_cache.</param>
/// <param name="CopyStrategy">The copy strategy.</param>
public sealed record AttributesReply(long Seqno, KernReturn Result, bool Ready, bool MayCache, VmCopyStrategy CopyStrategy) : PagerMessage(Seqno);

