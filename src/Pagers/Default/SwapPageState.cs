namespace MachActors.Pagers.Default;

/// <summary>What the swap map knows about one page of one memory object (<see cref="SwapMap.Lookup"/>).</summary>
public enum SwapPageState
{
    /// <summary>The memory object is not in the map (never created, or already freed).</summary>
    UnknownObject,

    /// <summary>No copy was ever stored: the pager answers data_unavailable.</summary>
    NeverWritten,

    /// <summary>A copy is in <see cref="SwapLookup.Slot"/>: the pager reads it and answers data_supply.</summary>
    Stored,

    /// <summary>A copy was handed over but could not be kept (swap full): the pager answers data_error with <see cref="SwapLookup.Error"/>.</summary>
    Lost,

    /// <summary>A write of this object failed, so none of its pages can be trusted: data_error with <see cref="SwapLookup.Error"/>.</summary>
    Poisoned,
}
