using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;
using E = MachActors.Tests.Properties.Kernel.KernelEvent;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// The checkers themselves, on hand-made logs: each flags the bad log it exists for and passes the
/// good one next to it, so a property that passes does so because the run was right, not because
/// its checker is blind.
/// </summary>
public class KernelChecksTests
{
    private static DispatchRecord D(long thread, int pri, int? local = null, int? global = null, bool fromLocal = false,
        int suspend = 0, bool taskSuspended = false, bool handoff = false, int cpu = 0, long atMs = 0) =>
        new(VirtualTime.Zero + Duration.FromMilliseconds(atMs), 0, cpu, thread, pri, fromLocal, local, global, suspend, taskSuspended, false, handoff);

    [Fact]
    public void DispatchRule_BetterThreadLeftInTheGlobalQueue_Flagged()
    {
        Assert.NotNull(KernelChecks.DispatchRule(D(1, pri: 20, global: 12)));
        Assert.Null(KernelChecks.DispatchRule(D(1, pri: 12, global: 20)));
        Assert.Null(KernelChecks.DispatchRule(D(1, pri: 12, global: 12)));
    }

    [Fact]
    public void DispatchRule_GlobalTakenWhileTheLocalQueueHoldsWork_Flagged()
    {
        Assert.NotNull(KernelChecks.DispatchRule(D(1, pri: 5, local: 30)));
        Assert.Null(KernelChecks.DispatchRule(D(1, pri: 30, local: 31, fromLocal: true, global: 2)));
        Assert.NotNull(KernelChecks.DispatchRule(D(1, pri: 30, local: 2, fromLocal: true)));
    }

    [Fact]
    public void Handoffs_HandoffNobodyAskedFor_Flagged()
    {
        Assert.Single(KernelChecks.Handoffs([new E.Dispatched(1, D(7, pri: 31, global: 0, handoff: true))]));
        Assert.Empty(KernelChecks.Handoffs([new E.SwitchRequested(1, 3, 7), new E.Dispatched(2, D(7, pri: 31, global: 0, handoff: true))]));
        Assert.Single(KernelChecks.Handoffs([
            new E.SwitchRequested(1, 3, 7), new E.Dispatched(2, D(7, pri: 31, handoff: true)), new E.Dispatched(3, D(7, pri: 31, handoff: true))]));
    }

    [Fact]
    public void SuspendedNeverRun_DispatchBetweenSuspendAndResume_Flagged()
    {
        Assert.Single(KernelChecks.SuspendedNeverRun([new E.Suspended(1, 4), new E.Dispatched(2, D(4, pri: 10))]));
        Assert.Empty(KernelChecks.SuspendedNeverRun([new E.Suspended(1, 4), new E.ResumeIssued(2, 4), new E.Dispatched(3, D(4, pri: 10))]));
        Assert.Single(KernelChecks.SuspendedNeverRun([new E.Dispatched(1, D(4, pri: 10, suspend: 1))]));
        Assert.Single(KernelChecks.SuspendedNeverRun([new E.Dispatched(1, D(4, pri: 10, taskSuspended: true))]));
    }

    [Fact]
    public void JoinAfterExit_JoinBeforeExitOrRunAfterJoin_Flagged()
    {
        Assert.Single(KernelChecks.JoinAfterExit([new E.Joined(1, 2, 5), new E.Exiting(2, 5)]));
        Assert.Empty(KernelChecks.JoinAfterExit([new E.Exiting(1, 5), new E.Joined(2, 2, 5)]));
        Assert.Single(KernelChecks.JoinAfterExit([new E.Exiting(1, 5), new E.Joined(2, 2, 5), new E.Dispatched(3, D(5, pri: 10))]));
    }

    [Fact]
    public void MutualExclusion_TwoHoldersOrForeignRelease_Flagged()
    {
        Assert.Single(KernelChecks.MutualExclusion([new E.Acquired(1, 0, 2), new E.Acquired(2, 0, 3)]));
        Assert.Empty(KernelChecks.MutualExclusion([new E.Acquired(1, 0, 2), new E.Released(2, 0, 2), new E.Acquired(3, 0, 3)]));
        Assert.Single(KernelChecks.MutualExclusion([new E.Acquired(1, 0, 2), new E.Released(2, 0, 3)]));
    }

    [Fact]
    public void RoundRobin_PreemptedWorkerRequeuedFirst_Flagged()
    {
        var q = Duration.FromMilliseconds(100);
        var tick = Duration.FromMilliseconds(10);
        // Fair: 1 2 3 1 2 3, a quantum each; then an end marker (another thread) closes the last slice.
        long[] fair = [1, 2, 3, 1, 2, 3, 9];
        // Unfair: worker 1 goes again straight after its slice while 2 and 3 wait.
        long[] unfair = [1, 2, 3, 1, 1, 2, 3, 9];
        Assert.Empty(RoundRobinCheck.Violations([1, 2, 3], Log(fair), 0, q, tick));
        Assert.NotEmpty(RoundRobinCheck.Violations([1, 2, 3], Log(unfair), 0, q, tick));

        static List<KernelEvent> Log(long[] order) =>
            [.. order.Select((t, i) => (KernelEvent)new E.Dispatched(i + 1, D(t, pri: 12, atMs: 100 * i)))];
    }

    [Fact]
    public void RoundRobin_SliceCutShort_Flagged()
    {
        var q = Duration.FromMilliseconds(100);
        var tick = Duration.FromMilliseconds(10);
        List<KernelEvent> log =
        [
            new E.Dispatched(1, D(1, pri: 12, atMs: 0)), new E.Dispatched(2, D(2, pri: 12, atMs: 30)),
            new E.Dispatched(3, D(1, pri: 12, atMs: 130)), new E.Dispatched(4, D(2, pri: 12, atMs: 230)),
            new E.Dispatched(5, D(9, pri: 12, atMs: 330)),
        ];
        Assert.Contains(RoundRobinCheck.Violations([1, 2], log, 0, q, tick), v => v.Contains("less than a quantum"));
    }

    [Fact]
    public void RoundRobin_SliceOfAQuantumLessOneTick_Allowed()
    {
        // Dispatched at the instant of a tick, a worker has that tick counted: 9 ticks of a 10-tick quantum.
        var q = Duration.FromMilliseconds(100);
        var tick = Duration.FromMilliseconds(10);
        List<KernelEvent> log =
        [
            new E.Dispatched(1, D(1, pri: 12, atMs: 0)), new E.Dispatched(2, D(2, pri: 12, atMs: 90)),
            new E.Dispatched(3, D(1, pri: 12, atMs: 190)), new E.Dispatched(4, D(2, pri: 12, atMs: 290)),
            new E.Dispatched(5, D(9, pri: 12, atMs: 390)),
        ];
        Assert.Empty(RoundRobinCheck.Violations([1, 2], log, 0, q, tick));
    }
}
