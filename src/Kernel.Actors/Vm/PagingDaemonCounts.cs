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
}
