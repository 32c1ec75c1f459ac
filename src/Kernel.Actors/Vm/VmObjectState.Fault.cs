using System.Collections.Immutable;
using MachActors.Hardware;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    /// <summary>
    /// A fault needs the page at <paramref name="offset"/> with <paramref name="access"/> (vm_fault_page's
    /// step in one object). Outcomes: a resident page allowing the access -> Resident (its frame); a busy
    /// page -> Wait, parked on the page (I1); a resident page whose page_lock forbids the access ->
    /// Wait, with data_unlock for access | unlock_request unless an equal or larger unlock is
    /// outstanding, the page not kept busy (I7, R8); a missing or absent page with a ready pager ->
    /// Wait, after a busy + absent placeholder was inserted and exactly one data_request emitted with
    /// its pager timer (I1); a pager not yet ready -> Wait for readiness (I3), with the ready timer; AbsentMax requests
    /// outstanding -> Wait for a slot (I2); no pager -> Unavailable (shadow or zero-fill); pager dead,
    /// object terminating, or a bad offset -> MemoryError. A waiting fault is resumed later by a
    /// <see cref="VmObjectEffect.Resume"/>, usually with Retry (ask again).
    /// </summary>
    public VmFaultAnswer RequestPage(long offset, VmProt access, VmFaultWaiter waiter)
    {
        if (!Aligned(offset) || Life != VmObjectLife.Active) return Failed(offset);
        _pages.TryGetValue(offset, out var page);
        var seededRefault = page is { Busy: true, Absent: true } && Binding == VmPagerBinding.Ready && (SeededBugs & SeededBugs.RefaultRequestsAgain) != 0; // tests only
        if (page is { Busy: true } && !seededRefault)
        {
            if ((SeededBugs & SeededBugs.BusyPageKeepsTwoWaiters) != 0 && page.BusyWaiters.Count >= 2) page.BusyWaiters.RemoveAt(1); // tests only
            page.BusyWaiters.Add(waiter);
            return new(VmFaultOutcome.Wait, offset);
        }
        if (page is { Absent: false })
        {
            if ((page.PageLock & access) == 0) return new(VmFaultOutcome.Resident, offset, page.Frame);
            return RequestUnlock(page, access, waiter);
        }
        switch (Binding)
        {
            case VmPagerBinding.None:
                return new(VmFaultOutcome.Unavailable, offset, Shadow: Shadow);
            case VmPagerBinding.Dead:
                return Failed(offset);
            case VmPagerBinding.InitSent:
                return WaitForReady(waiter, offset);
        }
        if (AbsentCount >= AbsentMax)
        {
            _absentWaiters.Add(waiter);
            return new(VmFaultOutcome.Wait, offset);
        }
        if (page is null)
        {
            page = new VmPage(offset);
            _pages.Add(offset, page);
        }
        page.Busy = true;
        page.Absent = true;
        page.BusyWaiters.Add(waiter);
        var control = Control!.Value;
        var length = PageSize;
        var seqno = Emit(Pager!, s => new DataRequest(s, control, offset, length, access));
        page.RequestSeqno = seqno;
        AbsentCount++;
        Counts.Requests++;
        _effects.Add(new VmObjectEffect.StartPagerTimer(offset, seqno));
        return new(VmFaultOutcome.Wait, offset);
    }

    private VmFaultAnswer RequestUnlock(VmPage page, VmProt access, VmFaultWaiter waiter)
    {
        if (Binding == VmPagerBinding.Dead) return Failed(page.Offset);
        if (Binding != VmPagerBinding.Ready) return WaitForReady(waiter, page.Offset);
        page.UnlockWaiters.Add(waiter);
        if ((access & ~page.UnlockRequest) != 0)
        {
            var wanted = access | page.UnlockRequest;
            page.UnlockRequest = wanted;
            var control = Control!.Value;
            var offset = page.Offset;
            var length = PageSize;
            StartUnlockTimer(page, Emit(Pager!, s => new DataUnlock(s, control, offset, length, wanted)));
        }
        return new(VmFaultOutcome.Wait, page.Offset);
    }

    /// <summary>
    /// The fault <paramref name="waiter"/> waiting at <paramref name="offset"/> was interrupted (R10).
    /// Effects: it is forgotten; when it was the last fault on a placeholder, the placeholder is freed
    /// (a later fault sends a second data_request; a late supply is then accepted as unsolicited).
    /// Returns InvalidArgument when the fault was not waiting there.
    /// </summary>
    public KernReturn AbortFault(long offset, VmFaultWaiter waiter)
    {
        var found = _readyWaiters.Remove(waiter) | _absentWaiters.Remove(waiter);
        if (_pages.TryGetValue(offset, out var page))
        {
            found |= page.BusyWaiters.Remove(waiter) | page.UnlockWaiters.Remove(waiter);
            if (page is { Busy: true, Absent: true, BusyWaiters.Count: 0 })
            {
                EndRequest(page);
                RemovePage(page);
                RunDeferred(offset);
            }
        }
        return found ? KernReturn.Success : KernReturn.InvalidArgument;
    }

    /// <summary>
    /// The fault path installs a page it made (zero fill in the top object, a copy-on-write copy).
    /// Preconditions: nothing resident at <paramref name="offset"/> except a plain (not busy) absent page.
    /// Returns MemoryPresent otherwise, InvalidArgument for a bad offset or size, ResourceShortage
    /// when no frame is free.
    /// </summary>
    public KernReturn InstallPage(long offset, ImmutableArray<byte> data, bool dirty) =>
        Place(offset, data, dirty, p => p.Busy || !p.Absent);

    /// <summary>
    /// vm_write into a shared object: the page at <paramref name="offset"/> takes <paramref name="data"/>
    /// in a frame of its own, dirty (its old frame, if any, is freed: the host removed every mapping of it
    /// first). Returns MemoryPresent when the page is busy (paged in or out now: the host tries again
    /// later), InvalidArgument for a bad offset or size, ResourceShortage when no frame is free.
    /// </summary>
    public KernReturn ReplacePage(long offset, ImmutableArray<byte> data) => Place(offset, data, dirty: true, p => p.Busy);

    /// <summary>The page at <paramref name="offset"/> takes <paramref name="data"/> in a new frame (an old one is freed) unless <paramref name="refused"/> says the page there is in the way (MemoryPresent).</summary>
    private KernReturn Place(long offset, ImmutableArray<byte> data, bool dirty, Func<VmPage, bool> refused)
    {
        if (!Aligned(offset) || data.IsDefault || data.Length != PageSize || Life != VmObjectLife.Active) return KernReturn.InvalidArgument;
        if (_pages.TryGetValue(offset, out var page) && refused(page)) return KernReturn.MemoryPresent;
        if (!_frames.TryAllocate(data, out var frame)) return KernReturn.ResourceShortage;
        if (page?.Frame is { } old) _frames.Free(old);
        page ??= new VmPage(offset);
        _pages[offset] = page;
        page.Absent = false;
        page.Frame = frame;
        page.Dirty = dirty;
        return KernReturn.Success;
    }

    /// <summary>The hardware modify bit of the page was folded in: it is dirty. Returns InvalidAddress when no data is resident there.</summary>
    public KernReturn SetDirty(long offset)
    {
        if (!_pages.TryGetValue(offset, out var page) || page.Absent) return KernReturn.InvalidAddress;
        page.Dirty = true;
        return KernReturn.Success;
    }
}
