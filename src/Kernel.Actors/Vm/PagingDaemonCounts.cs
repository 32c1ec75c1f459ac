namespace MachActors.Kernel.Vm;

/// <summary>What the paging daemon did (mutable counters of one <see cref="PagingDaemon"/>).</summary>
public sealed class PagingDaemonCounts
{
    /// <summary>Rounds run.</summary>
    public long Rounds { get; internal set; }

    /// <summary>Evictions started (pages chosen for unmapping).</summary>
    public long Evictions { get; internal set; }

    /// <summary>Evicted pages that were clean: freed at once.</summary>
    public long Freed { get; internal set; }

    /// <summary>Evicted pages that were dirty or precious: paged out.</summary>
    public long Pageouts { get; internal set; }

    /// <summary>Evictions the object declined (the page was busy or gone); the frame went back to the active queue.</summary>
    public long Declined { get; internal set; }

    /// <summary>Rounds stopped because the laundry was full (spec section 5 throttling).</summary>
    public long Throttled { get; internal set; }

    /// <summary>Pages handed to the default pager (reported with the objects' FrameFree).</summary>
    public long Laundered { get; internal set; }

    /// <summary>Credits from the default pager (pages settled).</summary>
    public long Credits { get; internal set; }

    /// <summary>Credits that came with no page unwritten (not expected; ignored).</summary>
    public long UnexpectedCredits { get; internal set; }

    /// <summary>The most pages unwritten at once.</summary>
    public int MaxUnwritten { get; internal set; }

    /// <summary>The largest laundry (evictions in flight plus unwritten pages) seen.</summary>
    public int MaxLaundry { get; internal set; }
}
