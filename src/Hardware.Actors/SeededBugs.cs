namespace MachActors.Hardware;

/// <summary>
/// Test-only seeded bugs (docs/VM.md, "Properties"): each switch makes one part of the machine
/// misbehave in a realistic way, so that a property test can show it finds that bug. Set through
/// <see cref="MachineConfig.SeededBugs"/> (internal, visible to the kernel and the test projects);
/// the default, <see cref="None"/>, changes nothing. Never set outside tests.
/// </summary>
[Flags]
internal enum SeededBugs
{
    /// <summary>A correct machine.</summary>
    None = 0,

    /// <summary>A CPU acknowledges a TLB shootdown without invalidating its entries (property f).</summary>
    CpuAcksWithoutInvalidating = 1,

    /// <summary>Below free_target the page queues hand out the oldest inactive page, which still belongs to its object, instead of a free one (property c).</summary>
    AllocateStealsInactivePage = 2,

    /// <summary>The daemon ignores the hardware modify bit when an eviction completes, so a page written through the TLB is freed without data_return (property d).</summary>
    DaemonIgnoresModifyBit = 4,

    /// <summary>A fault on a page whose data_request is outstanding sends another data_request instead of waiting (property e).</summary>
    RefaultRequestsAgain = 8,

    /// <summary>Fork with copy inheritance shares the memory instead of copying it (property b).</summary>
    ForkCopyShares = 16,

    /// <summary>The paging daemon throttles on evictions in flight only, ignoring pages the default pager has not yet written (the behaviour before laundry credits): the swap write queue grows without bound.</summary>
    DaemonIgnoresUnwrittenPageouts = 32,

    /// <summary>A VM object applies a data_supply that arrives on the control port of an incarnation it already terminated to its current incarnation (spec R3: a late supply must be dropped).</summary>
    StaleSupplyApplied = 64,

    /// <summary>A terminating VM object sends terminate before the data_returns of its dirty pages (spec I10: terminate is an incarnation's last message).</summary>
    TerminateBeforeReturns = 128,

    /// <summary>A port whose receive right is destroyed drops its blocked senders without waking them (their messages are destroyed, the threads wait forever; spec 1.4 item 2).</summary>
    PortDeathDropsBlockedSenders = 256,

    /// <summary>A message that reaches a port while the port's receive right is in transit (moved in a message, not yet arrived) is destroyed as if the port were dead; the sender still gets Success.</summary>
    InTransitPortDestroysMessages = 512,

    /// <summary>The messages queued on a dying port are destroyed with their send-once rights released quietly: no send-once notification reaches the reply ports (docs/IPC.md rule 4).</summary>
    PortDeathQuietSendOnce = 1024,

    /// <summary>
    /// A receive served from the queue leaves its timeout timer running, and the port, when that timer
    /// fires, takes the served receive for a timed-out one: the thread is woken with RcvTimedOut. Harmful
    /// only when the timeout fires between the dequeue and the copyout's wake (the message then reaches a
    /// thread no longer receiving); with exploration's early timers.
    /// </summary>
    ReceiveTimeoutAfterDequeue = 2048,

    /// <summary>
    /// A port whose receive right is in transit parks a message that reaches it in one hold slot, to be
    /// queued when the right arrives, instead of queueing it; a second message reaching it during the same
    /// transit replaces the first, which is destroyed (its sender was answered Success). Harmful only when
    /// two sends land inside one transit.
    /// </summary>
    InTransitHoldsOneMessage = 4096,

    /// <summary>
    /// A port whose receive right is in transit keeps the messages that reach it on a stack, queued when
    /// the right arrives by popping it: two messages of one sender reaching the port during the same
    /// transit are received in the reverse order (FIFO per sender broken). Harmful only when one sender's
    /// two consecutive sends land inside one transit.
    /// </summary>
    InTransitRequeuesReversed = 8192,

    /// <summary>
    /// A busy page (its data_request outstanding, or being paged out) keeps its first parked fault and one
    /// more: a third fault parked on it replaces the second, which is never resumed (its thread waits
    /// forever). Harmful only when three faults meet one busy page.
    /// </summary>
    BusyPageKeepsTwoWaiters = 16384,
}
