using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Sdk;

/// <summary>
/// The pager -> kernel calls (spec §2.2), one helper each. Every helper sends on the control port it
/// is given, live or not: the kernel ignores and counts a call on a terminated incarnation's port
/// (docs/VM.md rule 3), which is how a late answer races a terminate. A <c>replyTo</c> of
/// <see cref="Actor.Self"/> brings the completion to this pager's handler; null asks for none.
/// </summary>
public abstract partial class Pager
{
    /// <summary>Sends <paramref name="call"/> to the VM object its control port names. Every helper below goes through here.</summary>
    /// <param name="call">The call.</param>
    protected virtual void Send(PagerControlMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        call.Control.Object.Tell(call, Self);
    }

    /// <summary>
    /// memory_object_data_supply of one page at <paramref name="offset"/>. The kernel applies it per I4:
    /// a waiting fault's placeholder takes it; an unrequested page is accepted; a page already resident
    /// refuses it (MemoryPresent in supply_completed). A page of the wrong size or at an unaligned offset
    /// is ignored.
    /// </summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="offset">The page's offset (page-aligned).</param>
    /// <param name="page">Exactly one page of bytes.</param>
    /// <param name="lockValue">Accesses prohibited on the page (NONE, WRITE, ...); a fault needing one sends data_unlock.</param>
    /// <param name="precious">The kernel holds the only copy: it must return the page (data_return, dirty false when unmodified) before dropping it (I9).</param>
    /// <param name="replyTo">Where supply_completed goes, or null for none.</param>
    protected void Supply(ControlIncarnation control, long offset, ImmutableArray<byte> page, VmProt lockValue = VmProt.None, bool precious = false, IActorRef? replyTo = null) =>
        Send(new DataSupply(control, offset, [page], lockValue, precious, replyTo));

    /// <summary>memory_object_data_supply of consecutive pages from <paramref name="offset"/> on (read-ahead included); as <see cref="Supply"/>, and the kernel stops at the first page it refuses.</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="offset">The first page's offset (page-aligned).</param>
    /// <param name="pages">The pages, each exactly one page of bytes.</param>
    /// <param name="lockValue">Accesses prohibited on the pages.</param>
    /// <param name="precious">The pages are precious (I9).</param>
    /// <param name="replyTo">Where supply_completed goes, or null for none.</param>
    protected void SupplyPages(ControlIncarnation control, long offset, ImmutableArray<ImmutableArray<byte>> pages, VmProt lockValue = VmProt.None, bool precious = false, IActorRef? replyTo = null) =>
        Send(new DataSupply(control, offset, pages, lockValue, precious, replyTo));

    /// <summary>memory_object_data_unavailable: no data for [<paramref name="offset"/>, + <paramref name="size"/>); the waiting faults zero-fill (I5). Not an error.</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    protected void Unavailable(ControlIncarnation control, long offset, long size) => Send(new DataUnavailable(control, offset, size));

    /// <summary>memory_object_data_error: the data cannot be had; only threads waiting now for those pages take EXC_BAD_ACCESS (KERN_MEMORY_ERROR), and a later touch asks again (I6).</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <param name="error">The pager's reason.</param>
    protected void Error(ControlIncarnation control, long offset, long size, KernReturn error) => Send(new DataError(control, offset, size, error));

    /// <summary>
    /// memory_object_lock_request on [<paramref name="offset"/>, + <paramref name="size"/>): per resident
    /// page, (1) its lock becomes <paramref name="lockValue"/> (null: no change), (2) it goes back with
    /// data_return when <paramref name="shouldReturn"/> says so (Dirty: modified pages; All: modified or
    /// precious), kept by the kernel unless flushed, (3) it is discarded when
    /// <paramref name="shouldFlush"/> (None + flush discards even modified data). Then lock_completed to
    /// <paramref name="replyTo"/>, after every data_return it caused. Any lock_request reaching a page
    /// wakes the threads waiting on its data_unlock.
    /// </summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <param name="shouldReturn">Which pages come back.</param>
    /// <param name="shouldFlush">Discard the pages afterwards.</param>
    /// <param name="lockValue">The new lock (accesses prohibited), or null for VM_PROT_NO_CHANGE.</param>
    /// <param name="replyTo">Where lock_completed goes, or null for none.</param>
    protected void Lock(ControlIncarnation control, long offset, long size, LockReturnPolicy shouldReturn, bool shouldFlush, VmProt? lockValue, IActorRef? replyTo = null) =>
        Send(new LockRequest(control, offset, size, shouldReturn, shouldFlush, lockValue, replyTo));

    /// <summary>memory_object_ready: the object is usable; faults waiting for it go on (I3).</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="mayCache">Keep the VM object and its pages after the last unmap (no terminate then).</param>
    /// <param name="copyStrategy">The copy strategy.</param>
    protected void SetReady(ControlIncarnation control, bool mayCache, VmCopyStrategy copyStrategy) => Send(new Ready(control, mayCache, copyStrategy));

    /// <summary>memory_object_change_attributes: as ready, then change_completed to <paramref name="replyTo"/>; uncaching an unreferenced object terminates it first (I12).</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="mayCache">may_cache.</param>
    /// <param name="copyStrategy">The copy strategy.</param>
    /// <param name="replyTo">Where change_completed goes, or null for none.</param>
    protected void ChangeAttributes(ControlIncarnation control, bool mayCache, VmCopyStrategy copyStrategy, IActorRef? replyTo = null) =>
        Send(new global::MachActors.Kernel.Vm.ChangeAttributes(control, mayCache, copyStrategy, replyTo));

    /// <summary>memory_object_get_attributes: the answer comes to <see cref="OnAttributes"/>.</summary>
    /// <param name="control">The incarnation.</param>
    protected void GetAttributes(ControlIncarnation control) => Send(new global::MachActors.Kernel.Vm.GetAttributes(control, Self));

    /// <summary>memory_object_destroy: shut the object down despite its mappings; terminate follows. Modified pages are lost unless a flushing <see cref="Lock"/> returned them first.</summary>
    /// <param name="control">The incarnation.</param>
    /// <param name="reason">Ignored by the kernel.</param>
    protected void Destroy(ControlIncarnation control, KernReturn reason = KernReturn.Success) => Send(new global::MachActors.Kernel.Vm.Destroy(control, reason));
}
