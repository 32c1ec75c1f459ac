namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    private readonly Dictionary<long, bool> _pageouts = [];

    /// <summary>
    /// Starts paging out the resident page at <paramref name="offset"/> (vm_pageout_setup). The page
    /// becomes busy (faults and supplies for it wait) and paging_in_progress rises; the host then removes
    /// its hardware mappings, folds the modify bit in (<see cref="SetDirty"/>) and calls
    /// <see cref="FinishPageOut"/>. Returns InvalidAddress when no data is resident there, Failure when the
    /// page is busy or the object is not active.
    /// </summary>
    public KernReturn BeginPageOut(long offset, bool flush)
    {
        if (Life != VmObjectLife.Active) return KernReturn.Failure;
        if (!_pages.TryGetValue(offset, out var page) || page.Absent) return KernReturn.InvalidAddress;
        if (page.Busy) return KernReturn.Failure;
        page.Busy = true;
        _pageouts[offset] = flush;
        PagingInProgress++;
        return KernReturn.Success;
    }

    /// <summary>
    /// Finishes the pageout begun by <see cref="BeginPageOut"/>. A dirty or precious page goes to the
    /// pager with data_return (dirty as is, kernel_copy = !flush; precious clean pages with dirty = false,
    /// I9). With flush the page's frame is freed and the busy page stays until the data_return was
    /// emitted, so every fault it parked asks again only after it (I8, R1, R2); a clean non-precious page
    /// is dropped silently. Without flush a copy goes out and the page stays, clean. Then parked faults
    /// resume (Retry), waiting supplies and lock requests go on, and a waiting termination completes.
    /// With the pager dead the data is discarded (counted); with no ready pager the pageout is undone
    /// (Failure: the host must bind or create one first). Returns InvalidAddress without a pageout begun there.
    /// </summary>
    public KernReturn FinishPageOut(long offset)
    {
        if (!_pageouts.Remove(offset, out var flush)) return KernReturn.InvalidAddress;
        var page = _pages[offset];
        var result = KernReturn.Success;
        if (page.Dirty || page.Precious)
        {
            if (Binding == VmPagerBinding.Ready)
            {
                var data = _frames.Read(page.Frame!.Value);
                var dirty = page.Dirty;
                var control = Control!.Value;
                Emit(Pager!, s => new DataReturn(s, control, offset, data, dirty, !flush));
                Counts.Returns++;
                page.Dirty = false;
                page.Precious = false;
            }
            else if (Binding == VmPagerBinding.Dead)
            {
                Counts.Discarded++;
            }
            else
            {
                flush = false;
                result = KernReturn.Failure;
            }
        }
        EndPageOut(page, flush);
        return result;
    }

    /// <summary>
    /// Undoes the pageout begun by <see cref="BeginPageOut"/> without sending anything: the page stays
    /// resident as it is (its dirtiness as set), faults parked on it resume (Retry), waiting supplies and
    /// lock requests go on, a waiting termination completes. Used when the data cannot go to a pager
    /// (the pager died): the page stays rather than being discarded. Returns InvalidAddress without a pageout begun there.
    /// </summary>
    public KernReturn AbortPageOut(long offset)
    {
        if (!_pageouts.Remove(offset)) return KernReturn.InvalidAddress;
        EndPageOut(_pages[offset], flush: false);
        return KernReturn.Success;
    }

    private void EndPageOut(VmPage page, bool flush)
    {
        page.Busy = false;
        if (flush) RemovePage(page);
        WakeAll(page.BusyWaiters, Retry(page.Offset));
        RunDeferred(page.Offset);
        PagingInProgress--;
        CheckTerminationReady();
    }

    /// <summary>Pages out the page at <paramref name="offset"/> in one step (<see cref="BeginPageOut"/> then <see cref="FinishPageOut"/>), for a page with no hardware mappings.</summary>
    public KernReturn PageOut(long offset, bool flush)
    {
        var begun = BeginPageOut(offset, flush);
        return begun != KernReturn.Success ? begun : FinishPageOut(offset);
    }
}
