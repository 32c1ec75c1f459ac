using MachActors.Actors.Timing;
using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-terminate-race (R3/R4): the last unmap terminates an object while a write fault's data_request is
/// outstanding, then the object is mapped again. Clean budgets: 150 iterations per strategy (and with a
/// 28 us pager), run seed 1, 10,000 steps (an iteration takes about 270). Seeded kernel bugs, each found
/// under random and PCT (the iteration is printed): a late supply on a terminated incarnation's control
/// port applied to the new incarnation (R3; with the 28 us pager the late supply must reach the object
/// after the new init: found in iteration 2 under random, 5 under PCT, budget 50), and terminate sent
/// before the dirty page's data_return (I10; needs the child's write to land before the unmap, about half
/// the schedules under random, most under PCT: iteration 0 for both, budget 20).
/// </summary>
public class VmTerminateRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    /// <summary>A pager latency at which the late supply reaches the object about when it is mapped again.</summary>
    private const int SlowPagerUs = 28;

    private static string Budget(string strategy, int iterations = Iterations) => ExplorationAssert.Budget(strategy, iterations);

    /// <summary>The scenario with a seeded kernel bug (none: correct), and a pager answering after <paramref name="latencyUs"/> microseconds.</summary>
    private sealed class Variant(SeededBugs bug, int latencyUs = 0) : TerminateRaceScenario
    {
        protected override MachineConfig Config => base.Config with { SeededBugs = bug };

        protected override Duration PagerLatency => Duration.FromMicroseconds(latencyUs);
    }

    [Theory]
    [InlineData("random", 0)]
    [InlineData("pct", 0)]
    [InlineData("fair-pct", 0)]
    [InlineData("random", SlowPagerUs)]
    [InlineData("pct", SlowPagerUs)]
    public void Explore_CorrectKernel_NoBug(string strategy, int latencyUs)
    {
        var report = ExplorationAssert.Explore(new Variant(SeededBugs.None, latencyUs), strategy, Iterations);

        ExplorationAssert.NoBug(report, Budget(strategy));
        Assert.Equal(Iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1);
    }

    [Theory]
    [InlineData("random", 50)]
    [InlineData("pct", 50)]
    public void Explore_StaleSupplyApplied_FoundByTheVmOracleAndReplayed(string strategy, int iterations)
    {
        var scenario = new Variant(SeededBugs.StaleSupplyApplied, SlowPagerUs);

        var bug = ExplorationAssert.Found(ExplorationAssert.Explore(scenario, strategy, iterations), Budget(strategy, iterations), output);

        Assert.Equal(BugKind.Safety, bug.Bug.Kind);
        Assert.Contains("second mapping", bug.Bug.Text);
        ExplorationAssert.Replays(scenario, bug);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_TerminateBeforeReturns_FoundByTheIncarnationMonitorAndReplayed(string strategy)
    {
        var scenario = new Variant(SeededBugs.TerminateBeforeReturns);

        var bug = ExplorationAssert.Found(ExplorationAssert.Explore(scenario, strategy, 20), Budget(strategy, 20), output);

        Assert.Equal(BugKind.Safety, bug.Bug.Kind);
        Assert.Contains("IncarnationMonitor", bug.Bug.Text);
        ExplorationAssert.Replays(scenario, bug);
    }
}
