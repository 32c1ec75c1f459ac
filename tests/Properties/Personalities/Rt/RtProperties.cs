using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors.Timing;
using MachActors.Personalities.Rt;
using MachActors.Personalities.Rt.Analysis;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Personalities.Rt;

/// <summary>
/// The executive's promise (docs/RT.md, "Tests"): it meets its deadlines when the load allows and reports
/// misses when it does not. Generated sets of 1 to 4 tasks with periods of 5, 8, 10, 20 or 40 ms, each
/// running the jobs of one 40 ms hyperperiod from a synchronous release, rate-monotonic priorities, costs
/// in 0.1 ms steps on one CPU. Feasible: total utilisation in [0.45, Liu-Layland bound - 0.02]: every
/// deadline met. Overloaded: utilisation in [1.05, 1.6]: at least one miss (the hyperperiod's work does
/// not fit before its last deadline). Budgets: 25 controlled and 8 parallel cases for each (each case one
/// machine run of about 50 ms virtual); each seeded bug (a server that releases half a period late, one
/// that inverts the priorities; for the overload property, one that measures responses from the next job's release)
/// is found within 10 controlled cases.
/// </summary>
public class RtProperties
{
    private static readonly int[] Periods = [5, 8, 10, 20, 40];
    private const long HyperperiodMs = 40;
    private const long Step = 100_000; // cost granularity: 0.1 ms

    /// <summary>A task set and its utilisation (for the failure message).</summary>
    public sealed record TaskSet(RtTaskSpec[] Tasks)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"U={RtAnalysis.Utilisation(Tasks):F3} " + string.Join(" ", Tasks.Select(t => $"[T={t.Period} C={t.Cost} p={t.Priority}]"));
    }

    /// <summary>Sets of <paramref name="minTasks"/> to <paramref name="maxTasks"/> tasks whose utilisation is drawn (in hundredths) from [<paramref name="low"/>, high(n)], shared out by random weights; costs rounded down (feasible) or up (overloaded).</summary>
    internal static Gen<TaskSet> Sets(double low, Func<int, double> high, bool roundUp, int minTasks = 1, int maxTasks = 4) =>
        from n in Gen.Choose(minTasks, maxTasks)
        from periods in Gen.ArrayOf(Gen.Elements(Periods), n)
        from weights in Gen.ArrayOf(Gen.Choose(1, 10), n)
        from hundredths in Gen.Choose((int)Math.Ceiling(low * 100), (int)Math.Floor(high(n) * 100))
        select Build(periods, weights, hundredths / 100.0, roundUp);

    private static TaskSet Build(int[] periods, int[] weights, double utilisation, bool roundUp)
    {
        var total = weights.Sum();
        var tasks = periods.Select((p, i) =>
        {
            var ideal = Duration.FromMilliseconds(p).Nanoseconds * utilisation * weights[i] / total / Step;
            var cost = Math.Max(1, (long)(roundUp ? Math.Ceiling(ideal) : Math.Floor(ideal))) * Step;
            return new RtTaskSpec($"t{i}", Duration.FromMilliseconds(p), Duration.FromMilliseconds(p), RtPriorities.Lowest, (int)(HyperperiodMs / p), Duration.FromNanoseconds(cost));
        }).ToList();
        return new TaskSet([.. RtAnalysis.RateMonotonic(tasks)]);
    }

    private static Arbitrary<TaskSet> Feasible => Arb.From(Sets(0.45, n => RtAnalysis.LiuLaylandBound(n) - 0.02, roundUp: false));

    private static Arbitrary<TaskSet> Overloaded => Arb.From(Sets(1.05, _ => 1.6, roundUp: true));

    private static void VerifyMet(TaskSet s, RunMode mode, RtSeededBugs bugs)
    {
        Assert.True(RtAnalysis.Utilisation(s.Tasks) <= RtAnalysis.LiuLaylandBound(s.Tasks.Length), $"generator: {s}");
        var report = RtRun.Ended(s, mode, bugs, cpus: 1);
        Assert.True(report.Tasks.All(t => t.AllMet), $"deadline missed under the bound ({mode}, {s}): {string.Join(", ", report.Tasks.Select(t => $"{t.Spec.Name} {t.Misses}/{t.Completions}"))}");
    }

    private static void VerifyMisses(TaskSet s, RunMode mode, RtSeededBugs bugs)
    {
        Assert.True(RtAnalysis.Utilisation(s.Tasks) > 1.0, $"generator: {s}");
        RtRun.AssertMissesNoJobLost(RtRun.Ended(s, mode, bugs, cpus: 1), s, mode, "no miss reported above 1.0");
    }

    [Fact] // 25 controlled cases
    public void UnderLiuLaylandBound_RateMonotonic_MeetsEveryDeadline() => RtRun.CheckControlled(Feasible, VerifyMet, maxTest: 25);

    [Fact] // 8 parallel cases
    public void UnderLiuLaylandBound_RateMonotonic_MeetsEveryDeadline_Parallel() => RtRun.CheckParallel(Feasible, VerifyMet, maxTest: 8);

    [Fact] // 25 controlled cases
    public void AboveOne_ReportsAtLeastOneMiss() => RtRun.CheckControlled(Overloaded, VerifyMisses, maxTest: 25);

    [Fact] // 8 parallel cases
    public void AboveOne_ReportsAtLeastOneMiss_Parallel() => RtRun.CheckParallel(Overloaded, VerifyMisses, maxTest: 8);

    [Theory] // each seeded server bug: found within 10 controlled cases
    [InlineData((int)RtSeededBugs.ReleaseLate)]
    [InlineData((int)RtSeededBugs.InvertPriorities)]
    public void UnderLiuLaylandBound_SeededBug_IsFound(int seeded) =>
        RtRun.AssertSeededBugFound(Feasible, VerifyMet, (RtSeededBugs)seeded, "deadline missed under the bound");

    [Fact] // seeded: responses measured from the next job's release hide lateness under a period; found within 10 controlled cases
    public void AboveOne_SeededDeadlineOffByOne_IsFound() =>
        RtRun.AssertSeededBugFound(Overloaded, VerifyMisses, RtSeededBugs.DeadlineOffByOne, "no miss reported above 1.0");
}
