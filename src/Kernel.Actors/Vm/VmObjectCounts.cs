namespace MachActors.Kernel.Vm;

/// <summary>What a VM object ignored or refused from its pager, and other events worth counting (hostile pagers are input, rule 4).</summary>
public sealed class VmObjectCounts
{
    /// <summary>Calls on a control port of an ended incarnation.</summary>
    public long StaleControl { get; internal set; }

    /// <summary>Calls on a control port the object never issued.</summary>
    public long UnknownControl { get; internal set; }

    /// <summary>Supplies (and other range calls) with an unaligned offset, a page of the wrong size, or an empty range.</summary>
    public long Malformed { get; internal set; }

    /// <summary>Supplied pages refused with MemoryPresent.</summary>
    public long SupplyRefused { get; internal set; }

    /// <summary>Supplied pages accepted with no placeholder waiting (unsolicited, read-ahead, late).</summary>
    public long SupplyUnsolicited { get; internal set; }

    /// <summary>Supplied pages dropped because no frame was free.</summary>
    public long SupplyNoFrame { get; internal set; }

    /// <summary>data_unavailable / data_error pages with no waiting placeholder (ignored).</summary>
    public long AnswersIgnored { get; internal set; }

    /// <summary>Requests that timed out (the pager never answered).</summary>
    public long TimedOut { get; internal set; }

    /// <summary>data_requests sent.</summary>
    public long Requests { get; internal set; }

    /// <summary>data_returns sent.</summary>
    public long Returns { get; internal set; }

    /// <summary>Dirty or precious pages discarded because no pager could take them (pager dead).</summary>
    public long Discarded { get; internal set; }
}
