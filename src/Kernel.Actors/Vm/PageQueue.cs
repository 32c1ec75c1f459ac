namespace MachActors.Kernel.Vm;

/// <summary>Which queue of <see cref="PageQueues"/> a frame is on.</summary>
public enum PageQueue
{
    /// <summary>On no queue: allocated and not yet queued, wired, busy and taken off by the daemon, or being evicted.</summary>
    None = 0,

    /// <summary>Free.</summary>
    Free = 1,

    /// <summary>Active: recently used.</summary>
    Active = 2,

    /// <summary>Inactive: candidates for eviction.</summary>
    Inactive = 3,
}
