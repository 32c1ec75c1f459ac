using MachActors.Kernel.Kern;

namespace MachActors.Host.Runs;

/// <summary>
/// Counts dispatches made by handoff (an RPC's CPU handed straight to its receiver, or thread_switch's
/// hint), as the scheduler reports them. Observation only; thread-safe, since under the parallel
/// dispatcher the processor sets call it from several threads.
/// </summary>
internal sealed class HandoffCounter : ISchedulerObserver
{
    private long _handoffs;

    /// <summary>Handoff dispatches so far.</summary>
    public long Handoffs => Interlocked.Read(ref _handoffs);

    /// <inheritdoc />
    public void OnDispatch(DispatchRecord dispatch)
    {
        if (dispatch.Handoff) Interlocked.Increment(ref _handoffs);
    }
}
