using MachActors.Pagers.Default;

namespace MachActors.Host.Runs;

/// <summary>The default pager's counts as the pager table prints them and <c>--stats json</c> names them: one list, so both always agree.</summary>
internal static class DefaultPagerRows
{
    /// <summary>(JSON key, table label, value) for each count, in table order. Pure.</summary>
    public static IReadOnlyList<(string Key, string Label, long Value)> Of(DefaultPagerCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return
        [
            ("objectsCreated", "memory objects created", counts.Created),
            ("objectsTerminated", "memory objects terminated", counts.Terminated),
            ("pagesWritten", "pages written to swap", counts.PagesWritten),
            ("pagesSupplied", "pages read back (data_supply)", counts.Supplied),
            ("unavailable", "pages never written (data_unavailable)", counts.Unavailable),
            ("errors", "data_error answers", counts.Errors),
            ("swapFull", "pages lost: no free swap slot", counts.SwapFull),
            ("writeErrors", "disk writes failed", counts.WriteErrors),
            ("readErrors", "disk reads failed", counts.ReadErrors),
            ("slotsUsed", "swap slots in use at the end", counts.SlotsUsed),
            ("slotCount", "swap slots", counts.SlotCount),
            ("maxPagesUnsettled", "most pages handed over and unsettled at once", counts.MaxPagesUnsettled),
            ("credits", "pages credited back to the kernel", counts.Credits),
            ("reordered", "messages that waited for an earlier seqno", counts.Reordered),
            ("stale", "stale messages dropped", counts.Stale),
            ("malformed", "malformed messages dropped", counts.Malformed),
        ];
    }
}
