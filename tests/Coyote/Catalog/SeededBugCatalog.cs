using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Personalities.Unix;
using MachActors.Scenarios.Ipc;
using MachActors.Scenarios.Unix;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.LostUpdate;
using MachActors.Tests.Coyote.Scenarios;

namespace MachActors.Tests.Coyote.Catalog;

/// <summary>
/// Every seeded bug of tests/Coyote that the standard strategies (random, pct, fair-pct with their default
/// options, plus early timers where an entry says so) can find, one entry per line: the suites' seeded-bug tests and the iterations-to-find table
/// (<see cref="IterationsToFindTests"/>) both take their scenarios and expectations from here. Not here: the
/// stop race (needs RandomStrategy's user-first choices) and the toy clock interrupt, whose point is that only
/// that strategy option finds them.
/// </summary>
public static class SeededBugCatalog
{
    /// <summary>Every entry, in table order. Adding a seeded bug is one line here.</summary>
    public static IReadOnlyList<SeededBug> All { get; } =
    [
        new("lost-update/racy-increment", "toy: unlocked read-modify-write", () => new DelegateScenario("lost-update", LostUpdateScenarios.Racy), BugKind.Safety, "lost update"),
        new("vm-shared-page/" + nameof(SeededBugs.RefaultRequestsAgain), "I1 / property e: one data_request per page", () => new SharedPageScenario { Seeded = SeededBugs.RefaultRequestsAgain }, BugKind.Safety, "DataRequestMonitor", "while #"),
        new("vm-pageout-refault/write-behind-pager", "R1: pageout vs re-fault", () => new VmPageoutRefaultTests.WriteBehind(), BugKind.Safety, "VmOracleMonitor", "the last value written there"),
        new("vm-pageout-refault/" + nameof(SeededBugs.DaemonIgnoresModifyBit), "property d: dirty page freed without data_return", () => new PageoutRefaultScenario { Seeded = SeededBugs.DaemonIgnoresModifyBit }, BugKind.Safety, "VmOracleMonitor", "the last value written there"),
        new("vm-pageout-refault/" + nameof(SeededBugs.AllocateStealsInactivePage), "property c: a frame held twice", () => new PageoutRefaultScenario { Seeded = SeededBugs.AllocateStealsInactivePage }, BugKind.Safety, "reads"),
        new("vm-pageout-refault/" + nameof(SeededBugs.CpuAcksWithoutInvalidating), "property f: TLB shootdown", () => new PageoutRefaultScenario { Seeded = SeededBugs.CpuAcksWithoutInvalidating }, BugKind.Safety, "reads"),
        new("vm-fork-pageout/" + nameof(SeededBugs.ForkCopyShares), "property b: copy inheritance (R13/R14 scenario)", () => new ForkPageoutScenario { Seeded = SeededBugs.ForkCopyShares }, BugKind.Safety, "bytes"),
        new("vm-terminate-race/" + nameof(SeededBugs.StaleSupplyApplied), "R3: late supply on a dead control port", () => new VmTerminateRaceTests.SlowPager { Seeded = SeededBugs.StaleSupplyApplied }, BugKind.Safety, "second mapping"),
        new("vm-terminate-race/" + nameof(SeededBugs.TerminateBeforeReturns), "I10: terminate after the data_returns", () => new TerminateRaceScenario { Seeded = SeededBugs.TerminateBeforeReturns }, BugKind.Safety, "IncarnationMonitor"),
        new("vm-dsm-counter/hasty-dsm-pager", "R15: DSM write grant before the other node's flush completed", () => new VmDsmCounterTests.Hasty(), BugKind.Safety, "coherence violation"),
        new("vm-lock-race/forgetful-lock-pager", "R8: lock_request vs write fault", () => new VmLockRaceTests.Forgetful(), BugKind.Safety, "pager's copy"),
        new("ipc-port-destroyed/" + nameof(SeededBugs.PortDeathDropsBlockedSenders), "IPC port death: blocked senders woken", () => new PortDestroyedScenario { Seeded = SeededBugs.PortDeathDropsBlockedSenders }, BugKind.Liveness),
        new("ipc-receive-right-moved/" + nameof(SeededBugs.InTransitPortDestroysMessages), "IPC: send vs receive right in transit", () => new ReceiveRightMovedScenario { Seeded = SeededBugs.InTransitPortDestroysMessages }, BugKind.Safety, "MessageAccountingMonitor"),
        new("ipc-send-once-receiver-dies/" + nameof(SeededBugs.PortDeathQuietSendOnce), "IPC port death: send-once guarantee", () => new SendOnceReceiverDiesScenario { Seeded = SeededBugs.PortDeathQuietSendOnce }, BugKind.Liveness),
        new("ipc-clock-race/" + nameof(SeededBugs.ReceiveTimeoutAfterDequeue), "IPC vs clock: a served receive's timeout", () => new ClockRaceScenario { Seeded = SeededBugs.ReceiveTimeoutAfterDequeue }, BugKind.Safety, "MessageAccountingMonitor") { EarlyTimers = EarlyTimerChance },
        new("vm-page-crowd/" + nameof(SeededBugs.BusyPageKeepsTwoWaiters), "busy page: every fault waiting on it is resumed (liveness)", () => new PageCrowdScenario { Seeded = SeededBugs.BusyPageKeepsTwoWaiters }, BugKind.Liveness, "FaultLivenessMonitor") { EarlyTimers = EarlyTimerChance },
        new("ipc-receive-right-moved/" + nameof(SeededBugs.InTransitHoldsOneMessage), "IPC: two sends while the receive right is in transit", () => new ReceiveRightMovedScenario { Seeded = SeededBugs.InTransitHoldsOneMessage }, BugKind.Safety, "MessageAccountingMonitor") { EarlyTimers = EarlyTimerChance },
        new("ipc-receive-right-moved/" + nameof(SeededBugs.InTransitRequeuesReversed), "IPC: message order while the receive right is in transit", () => new ReceiveRightMovedScenario { Seeded = SeededBugs.InTransitRequeuesReversed }, BugKind.Safety, "messages arrived as") { EarlyTimers = EarlyTimerChance },
        new("unix-mmap-coherence/" + nameof(UnixSeededBugs.SettleSkipped), "UNIX: read(2)/write(2) settle a MAP_SHARED file's pages", () => new MmapCoherenceScenario { Bugs = UnixSeededBugs.SettleSkipped }, BugKind.Safety, "is stale at offset"),
        new("unix-pipe-wait/" + nameof(UnixSeededBugs.PipeDropsBytes), "UNIX: a blocked pipe read gets every byte", () => new PipeWaitScenario { Bugs = UnixSeededBugs.PipeDropsBytes }, BugKind.Safety, "the pipe's stream"),
        new("unix-pipe-wait/" + nameof(UnixSeededBugs.WaitReportsTwice), "UNIX: wait reaps each child once", () => new PipeWaitScenario { Bugs = UnixSeededBugs.WaitReportsTwice }, BugKind.Safety, "twice"),
        new("unix-settle-backlog/" + nameof(UnixSeededBugs.BacklogDropped), "UNIX: a system call that arrives during a settle is kept, not lost (liveness)", () => new SettleBacklogScenario { Bugs = UnixSeededBugs.BacklogDropped }, BugKind.Liveness, "never ended"),
    ];

    /// <summary>The early-timer chance of the entries that need early timers (as their suites explore them).</summary>
    public const double EarlyTimerChance = 0.05;

    /// <summary>The entry named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">No entry has that name.</exception>
    public static SeededBug Named(string name) => All.Single(b => b.Name == name);

    /// <summary>The entries of scenario <paramref name="scenario"/> (names starting "scenario/").</summary>
    public static IEnumerable<SeededBug> Of(string scenario) => All.Where(b => b.Name.StartsWith(scenario + "/", StringComparison.Ordinal));
}
