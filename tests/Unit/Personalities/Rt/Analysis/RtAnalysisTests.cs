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
