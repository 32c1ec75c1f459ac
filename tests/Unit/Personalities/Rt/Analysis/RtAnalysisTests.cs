using MachActors.Personalities.Rt;
using MachActors.Personalities.Rt.Analysis;

namespace MachActors.Tests.Unit.Personalities.Rt.Analysis;

/// <summary>Utilisation, the Liu-Layland bound, rate-monotonic priorities, response times and the exact simulation.</summary>
public sealed class RtAnalysisTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.8284)]
    [InlineData(3, 0.7798)]
    public void LiuLaylandBound_NTasks_IsTheKnownValue(int n, double bound) => Assert.Equal(bound, RtAnalysis.LiuLaylandBound(n), 4);

    [Fact]
    public void RateMonotonic_ShorterPeriod_GetsTheBetterPriority()
    {
        RtTaskSpec[] set = [RtKit.Task("slow", 40, 1, 11, 1), RtKit.Task("fast", 10, 1, 11, 1), RtKit.Task("mid", 20, 1, 11, 1)];

        Assert.Equal([9, 7, 8], RtAnalysis.RateMonotonic(set).Select(t => t.Priority));
    }

    [Fact]
    public void RateMonotonic_MoreTasksThanLevels_Throws() =>
        Assert.Throws<ArgumentException>(() => RtAnalysis.RateMonotonic([.. Enumerable.Range(1, RtPriorities.Levels + 1).Select(i => RtKit.Task("t", i, 0, 7, 1))]));

    [Fact]
    public void ResponseTimes_ClassicExample_MatchHandComputation()
    {
        // T=(7, 12, 20), C=(3, 3, 5): R1 = 3, R2 = 6, R3 = 3+3+5 -> 11 -> 14 -> 17 -> 20 (= deadline).
        RtTaskSpec[] set = [RtKit.Task("a", 7, 3, 7, 1), RtKit.Task("b", 12, 3, 8, 1), RtKit.Task("c", 20, 5, 9, 1)];

        var r = RtAnalysis.ResponseTimes(set);

        Assert.Equal([3L, 6L, 20L], r.Select(x => x!.Value.Nanoseconds / 1_000_000));
        Assert.True(RtAnalysis.Schedulable(set));
    }

    [Fact]
    public void ResponseTimes_Overloaded_LowPriorityTaskHasNone()
    {
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 1), RtKit.Task("b", 10, 6, 8, 1)];

        Assert.Equal([true, false], RtAnalysis.ResponseTimes(set).Select(r => r is not null));
        Assert.Equal(1.2, RtAnalysis.Utilisation(set), 6);
    }

    [Fact]
    public void SimulateMisses_FeasibleSet_None()
    {
        RtTaskSpec[] set = [RtKit.Task("a", 7, 3, 7, 20), RtKit.Task("b", 12, 3, 8, 12), RtKit.Task("c", 20, 5, 9, 7)];

        Assert.Equal([0, 0, 0], RtAnalysis.SimulateMisses(set));
    }

    [Fact]
    public void SimulateMisses_BacklogOfTheLowTask_EveryJobLate()
    {
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 10), RtKit.Task("b", 10, 6, 8, 10)];

        Assert.Equal([0, 10], RtAnalysis.SimulateMisses(set));
    }

    [Fact]
    public void SimulateMisses_InvertedPriorities_ShortTaskMisses()
    {
        RtTaskSpec[] set = [RtKit.Task("short", 10, 3, 8, 4), RtKit.Task("long", 40, 14, 7, 1)];

        Assert.Equal([1, 0], RtAnalysis.SimulateMisses(set));
    }

    [Fact]
    public void ResponseTimes_TasksOnDifferentCpus_DoNotInterfere()
    {
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 1), RtKit.Task("b", 10, 6, 8, 1)];

        Assert.Equal([6L, 6L], RtAnalysis.ResponseTimes(set, [0, 1]).Select(r => r!.Value.Nanoseconds / 1_000_000));
        Assert.Equal([true, false], RtAnalysis.ResponseTimes(set, [1, 1]).Select(r => r is not null));
    }

    [Fact]
    public void FirstFitDecreasing_NeedsTwoCpus_HandComputedPlacementAndResponses()
    {
        // U = 0.9 + 0.5 + 0.4 = 1.8. c (0.9) -> cpu0; b (0.5) beside c: R_c = 18 + 2*5 -> 33 > 20, so cpu1;
        // a (0.4) beside c: R_c = 18 + 2*4 = 26 > 20; beside b: R_a = 4, R_b = 5 + 4 = 9 <= 10: cpu1.
        RtTaskSpec[] set = [RtKit.Task("a", 10, 4, 7, 2), RtKit.Task("b", 10, 5, 8, 2), RtKit.Task("c", 20, 18, 9, 1)];

        var cpus = RtAnalysis.FirstFitDecreasing(set, 2);

        Assert.Equal([1, 1, 0], cpus);
        Assert.Equal([4L, 9L, 18L], RtAnalysis.ResponseTimes(set, cpus).Select(r => r!.Value.Nanoseconds / 1_000_000));
        Assert.True(RtAnalysis.Schedulable(set, 2));
        Assert.False(RtAnalysis.Schedulable(set));
        Assert.Equal([0.0, 0.0, 0.0], RtAnalysis.SimulateMisses(set, cpus).Select(m => (double)m));
        Assert.Equal([0.9, 0.9], RtAnalysis.CpuUtilisations(set, cpus, 2).Select(u => Math.Round(u, 6)));
    }

    [Fact]
    public void FirstFitDecreasing_FitsNowhere_LeastUtilisedCpuAndRejected()
    {
        // Three 6-of-10 tasks on two CPUs: the third fits beside neither (R = 12 > 10); both CPUs carry 0.6,
        // so it goes to cpu0, where it misses every job behind a (the one-CPU backlog).
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 10), RtKit.Task("b", 10, 6, 8, 10), RtKit.Task("c", 10, 6, 9, 10)];

        var cpus = RtAnalysis.FirstFitDecreasing(set, 2);

        Assert.Equal([0, 1, 0], cpus);
        Assert.False(RtAnalysis.Schedulable(set, cpus));
        Assert.Equal([0, 0, 10], RtAnalysis.SimulateMisses(set, cpus));
    }

    [Fact]
    public void FirstFit_BetterPriorityNewcomer_RechecksTheTasksAlreadyThere()
    {
        RtTaskSpec[] placed = [RtKit.Task("a", 10, 6, 8, 1)];

        Assert.Equal(0, RtAnalysis.FirstFit(placed, [0], RtKit.Task("low", 10, 3, 9, 1), 2)); // R_low = 3 + 6 = 9
        Assert.Equal(1, RtAnalysis.FirstFit(placed, [0], RtKit.Task("high", 10, 5, 7, 1), 2)); // it fits, but R_a = 6 + 5 = 11
    }

    [Theory]
    [InlineData(0, 10, 7, 1, 1, "period")]
    [InlineData(10, 11, 7, 1, 1, "deadline")]
    [InlineData(10, 10, 6, 1, 1, "priority")]
    [InlineData(10, 10, 12, 1, 1, "priority")]
    [InlineData(10, 10, 7, 0, 1, "jobs")]
    [InlineData(10, 10, 7, 1, -1, "cost")]
    public void Problem_BadSpec_NamesTheField(long period, long deadline, int priority, int jobs, long cost, string field)
    {
        var spec = new RtTaskSpec("t", Duration.FromMilliseconds(period), Duration.FromMilliseconds(deadline), priority, jobs, Duration.FromMilliseconds(cost));

        Assert.StartsWith(field, spec.Problem());
        Assert.Null(RtKit.Task("t", 10, 2, 7, 1).Problem());
    }
}
