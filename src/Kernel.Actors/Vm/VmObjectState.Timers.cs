namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    private long _readyTimer, _readyTimers;

    /// <summary>
    /// The pager was silent after init for the pager timeout (rule 4): the ready timer
    /// <paramref name="generation"/> fired. Effects: every fault waiting for readiness resumes with
    /// MemoryError (counted TimedOut); the binding stays InitSent, so a late ready still makes the object
    /// usable and the next fault waits again (with a new timer). Returns InvalidArgument for a timer
    /// that is not the running one (stale: ready came, or the object terminated).
    /// </summary>
    public KernReturn ReadyTimedOut(long generation)
    {
        if (generation == 0 || generation != _readyTimer) return KernReturn.InvalidArgument;
        _readyTimer = 0;
        Counts.TimedOut += _readyWaiters.Count;
        WakeAll(_readyWaiters, Failed(0));
        return KernReturn.Success;
    }

    /// <summary>
    /// A data_unlock went out for <paramref name="page"/> as <paramref name="seqno"/>: its pager timer
    /// starts (rule 4: a pager that never answers an unlock is as silent as one that never supplies), and
    /// the timer of an earlier, smaller unlock of the page stops (the new one covers its faults).
    /// </summary>
    private void StartUnlockTimer(VmPage page, long seqno)
    {
        if (page.UnlockSeqno is { } earlier) _effects.Add(new VmObjectEffect.CancelPagerTimer(page.Offset, earlier));
        page.UnlockSeqno = seqno;
        _effects.Add(new VmObjectEffect.StartPagerTimer(page.Offset, seqno));
    }

    /// <summary>No unlock of <paramref name="page"/> is outstanding any more (a lock_request reached it, or the pager died): its timer stops.</summary>
    private void ClearUnlock(VmPage page)
    {
        page.UnlockRequest = VmProt.None;
        if (page.UnlockSeqno is not { } running) return;
        page.UnlockSeqno = null;
        _effects.Add(new VmObjectEffect.CancelPagerTimer(page.Offset, running));
    }

    /// <summary>
    /// The pager never answered the outstanding data_unlock of <paramref name="page"/> within the pager
    /// timeout: the faults waiting for it resume with MemoryError (counted TimedOut) and the unlock is
    /// forgotten, so a later fault asks again. The page stays resident with its lock.
    /// </summary>
    private KernReturn UnlockTimedOut(VmPage page)
    {
        page.UnlockSeqno = null; // the timer has fired: nothing to cancel
        page.UnlockRequest = VmProt.None;
        Counts.TimedOut++;
        WakeAll(page.UnlockWaiters, Failed(page.Offset));
        return KernReturn.Success;
    }

    /// <summary>Parks <paramref name="waiter"/> until the pager is ready (I3), starting the ready timer when none runs.</summary>
    private VmFaultAnswer WaitForReady(VmFaultWaiter waiter, long offset)
    {
        _readyWaiters.Add(waiter);
        if (_readyTimer == 0)
        {
            _readyTimer = ++_readyTimers;
            _effects.Add(new VmObjectEffect.StartReadyTimer(_readyTimer));
        }
        return new(VmFaultOutcome.Wait, offset);
    }

    /// <summary>Every fault waiting for readiness resumes with <paramref name="answer"/>; the ready timer stops.</summary>
    private void WakeReadyWaiters(VmFaultAnswer answer)
    {
        if (_readyTimer != 0)
        {
            _effects.Add(new VmObjectEffect.CancelReadyTimer(_readyTimer));
            _readyTimer = 0;
        }
        WakeAll(_readyWaiters, answer);
    }
}
