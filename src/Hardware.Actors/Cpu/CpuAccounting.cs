using MachActors.Actors.Timing;

namespace MachActors.Hardware.Cpu;

/// <summary>
/// A CPU's time ledger: from boot, every interval is charged either to idle or to the thread
/// running then, so busy + idle always equals the time since boot (CPU time is conserved).
/// Also counts context switches and traps, and the busy time not yet reported to the scheduler.
/// </summary>
internal sealed class CpuAccounting(int cpu)
{
    private readonly Dictionary<long, Duration> _byThread = [];
    private VirtualTime _since = VirtualTime.Zero;
    private VirtualTime _reportedUpTo = VirtualTime.Zero;
    private long? _thread;
    private Duration _busy;
    private Duration _idle;

    public long ContextSwitches { get; private set; }

    public long Traps { get; private set; }

    /// <summary>Starts charging <paramref name="threadId"/> at <paramref name="now"/> (a context switch).</summary>
    public void StartThread(long threadId, VirtualTime now)
    {
        Close(now);
        _thread = threadId;
        _reportedUpTo = now;
        ContextSwitches++;
    }

    /// <summary>Stops charging the thread at <paramref name="now"/>; returns its busy time not yet reported.</summary>
    public Duration StopThread(VirtualTime now)
    {
        Close(now);
        var unreported = now - _reportedUpTo;
        _thread = null;
        return unreported;
    }

    /// <summary>Busy time of the running thread since the last report, and marks it reported.</summary>
    public Duration TakeUnreported(VirtualTime now)
    {
        var ran = now - _reportedUpTo;
        _reportedUpTo = now;
        return ran;
    }

    public void CountTrap() => Traps++;

    public CpuStats Snapshot(VirtualTime now)
    {
        Close(now);
        return new CpuStats(cpu, now, _busy, _idle, ContextSwitches, Traps, new Dictionary<long, Duration>(_byThread), _thread);
    }

    /// <summary>Charges the interval since the last change to idle or to the running thread.</summary>
    private void Close(VirtualTime now)
    {
        var span = now - _since;
        _since = now;
        if (span.Nanoseconds == 0) return;
        if (_thread is { } t)
        {
            _busy += span;
            _byThread[t] = _byThread.GetValueOrDefault(t) + span;
        }
        else
        {
            _idle += span;
        }
    }
}
