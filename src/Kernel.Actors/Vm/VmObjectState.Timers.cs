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
