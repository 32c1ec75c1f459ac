namespace MachActors.Kernel.Vm;

/// <summary>What one second-chance step of the paging daemon decided (spec section 5).</summary>
public enum ScanAction
{
    /// <summary>The inactive queue is empty; nothing done.</summary>
    Empty = 0,

    /// <summary>The oldest inactive page was busy: taken off the queues and left alone.</summary>
    SkippedBusy = 1,

    /// <summary>The oldest inactive page was absent (no data): freed.</summary>
    FreedAbsent = 2,

    /// <summary>The oldest inactive page was referenced: back to the active queue (its second chance).</summary>
    Reactivated = 3,

    /// <summary>
    /// The oldest inactive page is to be evicted: it is now busy and on no queue. The kernel removes every
    /// mapping of the frame, waits for every shootdown ack, then calls <see cref="PageQueues.CompleteUnmap"/>.
    /// </summary>
    Unmap = 4,

    /// <summary>After the unmap: the page was clean and not precious, and its frame is free.</summary>
    Freed = 5,

    /// <summary>After the unmap: the page is dirty or precious and must be paged out (it stays busy, on no queue).</summary>
    Pageout = 6,
}
