namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    /// <summary>
    /// data_supply, per page in order (I4): a busy + absent placeholder is replaced by the data and its
    /// waiters resumed (Retry), its timer cancelled; no page -> accepted anyway (unsolicited, counted);
    /// a busy non-absent page (a pageout in flight) -> the rest waits until the page is no longer busy,
    /// then re-checks; any other page (resident, or absent and not busy) -> refused, MemoryPresent,
    /// and processing stops there. Supplied pages start clean, page_lock = lock_value, no pending unlock,
    /// precious as given. Then supply_completed (result, first refused offset) to reply_to.
    /// </summary>
    private KernReturn OnDataSupply(DataSupply m)
    {
        if (!Aligned(m.Offset) || m.Pages.IsDefaultOrEmpty || m.Pages.Any(p => p.IsDefault || p.Length != PageSize)
            || m.Offset > long.MaxValue - ((long)m.Pages.Length * PageSize) || (m.LockValue & ~VmProt.All) != 0)
        {
            Counts.Malformed++;
            return KernReturn.InvalidArgument;
        }
        ContinueSupply(m, 0, Control!.Value);
        return KernReturn.Success;
    }

    private void ContinueSupply(DataSupply m, int index, ControlIncarnation control)
    {
        if (Control != control || Life != VmObjectLife.Active) return; // the incarnation ended meanwhile
        for (var i = index; i < m.Pages.Length; i++)
        {
            var offset = m.Offset + ((long)i * PageSize);
            if (_pages.TryGetValue(offset, out var page))
            {
                if (page.Busy && !page.Absent)
                {
                    var next = i;
                    _deferred.Add((offset, () => ContinueSupply(m, next, control)));
                    return;
                }
                if (!page.Busy)
                {
                    Counts.SupplyRefused++;
                    CompleteSupply(m, KernReturn.MemoryPresent, offset);
                    return;
                }
                FillPlaceholder(page, m, i);
            }
            else if (_frames.TryAllocate(m.Pages[i], out var frame))
            {
                Counts.SupplyUnsolicited++;
                var fresh = new VmPage(offset) { Frame = frame };
                SetSupplied(fresh, m);
                _pages.Add(offset, fresh);
            }
            else
            {
                Counts.SupplyNoFrame++;
            }
        }
        CompleteSupply(m, KernReturn.Success, m.Offset + ((long)m.Pages.Length * PageSize));
    }

    private void FillPlaceholder(VmPage page, DataSupply m, int index)
    {
        EndRequest(page);
        if (_frames.TryAllocate(m.Pages[index], out var frame))
        {
            page.Frame = frame;
            page.Busy = false;
            page.Absent = false;
            SetSupplied(page, m);
        }
        else
        {
            Counts.SupplyNoFrame++; // as an aborted request: the faults ask again
            RemovePage(page);
        }
        WakeAll(page.BusyWaiters, Retry(page.Offset));
        RunDeferred(page.Offset);
    }

    private static void SetSupplied(VmPage page, DataSupply m)
    {
        page.Dirty = false;
        page.PageLock = m.LockValue & VmProt.All;
        page.UnlockRequest = VmProt.None;
        page.Precious = m.Precious;
        page.Error = false;
    }

    private void CompleteSupply(DataSupply m, KernReturn result, long errorOffset)
    {
        if (m.ReplyTo is not { } replyTo) return;
        var length = (long)m.Pages.Length * PageSize;
        var control = m.Control;
        Emit(replyTo, s => new SupplyCompleted(s, control, m.Offset, length, result, errorOffset));
    }

    /// <summary>
    /// data_unavailable (I5): every busy + absent placeholder in the range becomes a plain absent page,
    /// its request ends, and its faults resume with Unavailable (continue in the shadow, or zero-fill
    /// at the bottom). Pages without a waiting placeholder are ignored (counted).
    /// </summary>
    private KernReturn OnDataUnavailable(DataUnavailable m)
    {
        if (!ValidRange(m.Offset, m.Size))
        {
            Counts.Malformed++;
            return KernReturn.InvalidArgument;
        }
        var hits = 0;
        foreach (var offset in OffsetsIn(m.Offset, m.Size, m.Offset))
        {
            if (!_pages.TryGetValue(offset, out var page) || page is not { Busy: true, Absent: true, RequestSeqno: not null }) continue;
            hits++;
            EndRequest(page);
            page.Busy = false;
            WakeAll(page.BusyWaiters, new VmFaultAnswer(VmFaultOutcome.Unavailable, offset, Shadow: Shadow));
            RunDeferred(offset);
        }
        if (hits == 0) Counts.AnswersIgnored++;
        return KernReturn.Success;
    }

    /// <summary>
    /// data_error (I6): the faults waiting on placeholders in the range resume with MemoryError, and the
    /// placeholders are freed (a later touch asks again). Pages without a waiting placeholder are ignored (counted).
    /// </summary>
    private KernReturn OnDataError(DataError m)
    {
        if (!ValidRange(m.Offset, m.Size))
        {
            Counts.Malformed++;
            return KernReturn.InvalidArgument;
        }
        var hits = 0;
        foreach (var offset in OffsetsIn(m.Offset, m.Size, m.Offset))
        {
            if (!_pages.TryGetValue(offset, out var page) || page is not { Busy: true, Absent: true, RequestSeqno: not null }) continue;
            hits++;
            FailPlaceholder(page);
        }
        if (hits == 0) Counts.AnswersIgnored++;
        return KernReturn.Success;
    }

    private void FailPlaceholder(VmPage page)
    {
        EndRequest(page);
        page.Error = true;
        WakeAll(page.BusyWaiters, Failed(page.Offset));
        RemovePage(page);
        RunDeferred(page.Offset);
    }

    /// <summary>
    /// The host's pager timer for the data_request <paramref name="requestSeqno"/> at <paramref name="offset"/>
    /// expired (the pager never answered, rule 4): its faults resume with MemoryError and the placeholder
    /// is freed, as for data_error. The timer of a data_unlock (<see cref="UnlockTimedOut"/>) comes here too.
    /// Returns InvalidArgument for a timer whose request was answered meanwhile (ignored).
    /// </summary>
    public KernReturn PagerTimedOut(long offset, long requestSeqno)
    {
        if (_pages.TryGetValue(offset, out var locked) && locked.UnlockSeqno == requestSeqno) return UnlockTimedOut(locked);
        if (!_pages.TryGetValue(offset, out var page) || page.RequestSeqno != requestSeqno) return KernReturn.InvalidArgument;
        Counts.TimedOut++;
        page.RequestSeqno = null; // the timer has fired: nothing to cancel
        AbsentCount--;
        page.Error = true;
        WakeAll(page.BusyWaiters, Failed(offset));
        RemovePage(page);
        WakeAll(_absentWaiters, Retry(offset));
        RunDeferred(offset);
        return KernReturn.Success;
    }
}
