namespace MachActors.Pagers.Default;

/// <summary>What the default pager did, and what it ignored or refused (kernel input is counted, never thrown on).</summary>
public sealed class DefaultPagerCounts
{
    /// <summary>Memory objects created.</summary>
    public long Created { get; internal set; }

    /// <summary>Memory objects terminated (their storage freed).</summary>
    public long Terminated { get; internal set; }

    /// <summary>data_supply answers.</summary>
    public long Supplied { get; internal set; }

    /// <summary>data_unavailable answers (never written).</summary>
    public long Unavailable { get; internal set; }

    /// <summary>data_error answers (read error, lost page, poisoned or refused object).</summary>
    public long Errors { get; internal set; }

    /// <summary>Pages written to swap successfully.</summary>
    public long PagesWritten { get; internal set; }

    /// <summary>data_initialize pages dropped because a copy was already stored (first copy wins).</summary>
    public long InitializeSkipped { get; internal set; }

    /// <summary>Pages that found no free slot (now lost: their requests get data_error NoSpace).</summary>
    public long SwapFull { get; internal set; }

    /// <summary>Disk writes that failed (each poisons its object).</summary>
    public long WriteErrors { get; internal set; }

    /// <summary>Disk reads that failed (answered data_error).</summary>
    public long ReadErrors { get; internal set; }

    /// <summary>Writes dropped because their object was poisoned or refused.</summary>
    public long WritesDropped { get; internal set; }

    /// <summary>Messages that arrived before an earlier seqno of their object and waited.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Messages on a terminated incarnation, or with a seqno already handled (dropped).</summary>
    public long Stale { get; internal set; }

    /// <summary>Messages the default pager does not act on (init, unlock, completions), consumed in order.</summary>
    public long Ignored { get; internal set; }

    /// <summary>Malformed messages (a page of the wrong size, a bad offset, a duplicate create): dropped or refused.</summary>
    public long Malformed { get; internal set; }

    /// <summary>Disk interrupts for no request of this pager (dropped).</summary>
    public long UnknownInterrupts { get; internal set; }

    /// <summary>Memory objects held now.</summary>
    public int Objects { get; internal set; }

    /// <summary>Swap slots in use now.</summary>
    public long SlotsUsed { get; internal set; }

    /// <summary>Swap slots in all.</summary>
    public long SlotCount { get; internal set; }

    /// <summary>Disk requests outstanding now.</summary>
    public int DiskRequestsInFlight { get; internal set; }

    /// <summary>Pages handed over (data_return, data_initialize) and credited back to the kernel once settled (<see cref="Kernel.Vm.PageoutCredit"/>).</summary>
    public long Credits { get; internal set; }

    /// <summary>Pages handed over and not yet settled now (waiting for their turn or their disk write).</summary>
    public int PagesUnsettled { get; internal set; }

    /// <summary>The most pages handed over and not yet settled at once (the write queue's depth).</summary>
    public int MaxPagesUnsettled { get; internal set; }

    /// <summary>A copy of the counts as they are now (the actor's reply to <see cref="GetDefaultPagerStats"/>).</summary>
    public DefaultPagerCounts Snapshot() => (DefaultPagerCounts)MemberwiseClone();
}
