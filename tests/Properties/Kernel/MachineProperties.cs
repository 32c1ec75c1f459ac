using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors.Timing;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// The scheduler's promises on a whole booted machine (issue 3, properties a, b, c, e), over generated
/// workloads of tasks, threads of fixed and timesharing priorities, computations, yields, handoffs,
/// mutexes, joins, suspensions and priority changes, on 1-4 CPUs. Every run must also finish (every
/// thread ends, no program faults).
/// </summary>
public class MachineProperties
{
    private static Gen<Duration> SnapshotTimes => Gen.Choose(0, 400).Select(ms => Duration.FromMilliseconds(ms) + Duration.FromMicroseconds(137));

    /// <summary>Runs one case and throws with every violation <paramref name="checks"/> finds (plus liveness).</summary>
    private static void Verify(KernelWorkload workload, RunMode mode, Func<WorkloadReport, IEnumerable<string>> checks, Duration? snapshotAt = null)
    {
        var report = WorkloadRun.Run(workload, mode, snapshotAt);
        KernelChecks.AssertNone(report.Liveness().Concat(checks(report)), $"{mode}, {workload}");
    }

    [Fact] // 150 cases, controlled dispatcher, generated seeds (about 3 s)
    public void A_EveryDispatchTakesTheBestQueuedThread() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(), RunMode.Seeds.ToArbitrary(), (workload, seed) =>
            Verify(workload, RunMode.Controlled(seed), r => KernelChecks.PriorityOrder(r.Log))), maxTest: 150);

    [Fact] // 150 cases weighted toward suspensions, controlled dispatcher (about 3 s)
    public void B_SuspendedThreadsNeverRunAndAccumulateNoCpuTime() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(weightSuspend: 6), RunMode.Seeds.ToArbitrary(), (workload, seed) =>
            Verify(workload, RunMode.Controlled(seed), r => KernelChecks.SuspendedNeverRun(r.Log).Concat(KernelChecks.Reported(r.Log)))),
            maxTest: 150);

    [Fact] // 150 cases, controlled dispatcher, a snapshot at a generated instant and one at the end (about 3 s)
    public void C_CpuTimeIsConserved() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(), RunMode.Seeds.ToArbitrary(), SnapshotTimes.ToArbitrary(), (workload, seed, at) =>
            Verify(workload, RunMode.Controlled(seed), r =>
                WorkloadRun.CpuTimeConserved(r.End, workload.Config.TickPeriod)
                    .Concat(r.Midway is { } mid ? WorkloadRun.CpuTimeConserved(mid, workload.Config.TickPeriod).Select(v => "midway: " + v) : [])
                    .Concat(r.End.Cpus.Any(c => c.CurrentThread is not null) ? ["a CPU still runs a thread after every thread ended"] : []),
                at)), maxTest: 150);

    [Fact] // 60 cases, parallel dispatcher, throughput 1, 2, 5 or 30 (about 3 s)
    public void C_CpuTimeIsConserved_Parallel() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(), RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
            Verify(workload, mode, r => WorkloadRun.CpuTimeConserved(r.End, workload.Config.TickPeriod))), maxTest: 60);

    [Fact] // 150 cases weighted toward mutexes and joins, controlled dispatcher (about 3 s)
    public void E_JoinWaitsForExitAndMutexesExclude() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(weightSync: 4), RunMode.Seeds.ToArbitrary(), (workload, seed) =>
            Verify(workload, RunMode.Controlled(seed), SyncChecks(workload))), maxTest: 150);

    [Fact] // 60 cases weighted toward mutexes and joins, parallel dispatcher, throughput 1, 2, 5 or 30 (about 3 s)
    public void E_JoinWaitsForExitAndMutexesExclude_Parallel() =>
        PropCheck.Check(Prop.ForAll(KernelWorkload.Arbitrary(weightSync: 4), RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
            Verify(workload, mode, SyncChecks(workload))), maxTest: 60);

    /// <summary>(e) Joins after exit, mutual exclusion from the log, no lost counter increments, nothing the programs reported.</summary>
    private static Func<WorkloadReport, IEnumerable<string>> SyncChecks(KernelWorkload workload) => r =>
        KernelChecks.JoinAfterExit(r.Log)
            .Concat(KernelChecks.MutualExclusion(r.Log))
            .Concat(KernelChecks.Reported(r.Log))
            .Concat(workload.ExpectedCounters().Zip(r.Counters, (e, a) => (e, a)).Select((p, m) => (p, m))
                .Where(x => x.p.e != x.p.a).Select(x => $"mutex {x.m}'s counter is {x.p.a}, expected {x.p.e} increments"));
}
