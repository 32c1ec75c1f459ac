namespace MachActors.Kernel.Vm;

/// <summary>
/// One page of a VM object (vm_page_t's object-side state). A placeholder is busy + absent with no
/// frame; a resident page has a frame. Mutated only by its <see cref="VmObjectState"/>.
/// </summary>
public sealed class VmPage
{
    internal VmPage(long offset) => Offset = offset;

    /// <summary>The page's offset in the object.</summary>
    public long Offset { get; }

    /// <summary>Somebody is working on the page (a request outstanding, or a pageout); faults wait.</summary>
    public bool Busy { get; internal set; }

    /// <summary>No data here (a placeholder, or a page the pager said is unavailable).</summary>
    public bool Absent { get; internal set; }

    /// <summary>Modified since it came from the pager.</summary>
    public bool Dirty { get; internal set; }

    /// <summary>The kernel holds the only copy (I9).</summary>
    public bool Precious { get; internal set; }

    /// <summary>Accesses the pager prohibits (page_lock).</summary>
    public VmProt PageLock { get; internal set; }

    /// <summary>The largest access asked for with data_unlock and not yet answered (I7).</summary>
    public VmProt UnlockRequest { get; internal set; }

    /// <summary>The sequence number of the data_unlock whose pager timer runs (the last one sent while <see cref="UnlockRequest"/> grew), or null.</summary>
    public long? UnlockSeqno { get; internal set; }

    /// <summary>The pager reported an error for the page (set only while its waiters are told).</summary>
    public bool Error { get; internal set; }

    /// <summary>The frame holding the data, or null for a placeholder.</summary>
    public VmFrame? Frame { get; internal set; }

    /// <summary>The sequence number of the data_request that this placeholder waits for, or null.</summary>
    public long? RequestSeqno { get; internal set; }

    /// <summary>Faults waiting for the page to stop being busy.</summary>
    internal List<VmFaultWaiter> BusyWaiters { get; } = [];

    /// <summary>Faults waiting for an answer to a data_unlock (the page is not busy meanwhile, R8).</summary>
    internal List<VmFaultWaiter> UnlockWaiters { get; } = [];

    /// <summary>Faults parked on the page (busy and unlock waiters).</summary>
    public int WaiterCount => BusyWaiters.Count + UnlockWaiters.Count;
}
