namespace MachActors.Kernel.Vm;

/// <summary>The per-page state the paging daemon needs (vm_page_t's bits), kept by <see cref="PageQueues"/>.</summary>
[Flags]
public enum PageFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Someone is working on the page (a fault, a pageout); the daemon leaves it alone.</summary>
    Busy = 1,

    /// <summary>Wired: on no queue, never evicted.</summary>
    Wired = 2,

    /// <summary>Modified since it came from the pager (software bit; the hardware modify bit is folded in at eviction).</summary>
    Dirty = 4,

    /// <summary>The pager wants it back even when clean (I9).</summary>
    Precious = 8,

    /// <summary>Used recently (software bit; the hardware reference bit counts too).</summary>
    Referenced = 16,

    /// <summary>A placeholder without data (data requested or unavailable).</summary>
    Absent = 32,
}
