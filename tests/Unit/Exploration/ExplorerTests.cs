using MachActors.Exploration;
using MachActors.Exploration.Strategies;

namespace MachActors.Tests.Unit.Exploration;

/// <summary>
/// The engine on toy scenarios. Budgets are stated per test; every run seed is fixed, so each test is
/// one deterministic run (with StopAtFirstBug the result does not depend on the number of cores).
/// </summary>
public class ExplorerTests
{
    private static ExplorationReport Explore(Scenario scenario, string strategy, long iterations, int depth = 2, int parallelism = 2, ulong seed = 1) =>
        Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, Depth = depth }),
            new ExplorationOptions { Iterations = iterations, Seed = seed, MaxSteps = 2_000, Parallelism = parallelism });

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Run_RacyRegister_FindsTheLostUpdateWithin200Iterations(string strategy)
    {
        var report = Explore(new RegisterScenario(racy: true), strategy, 200);

        var bug = Assert.Single(report.Bugs);
        Assert.Equal(BugKind.Safety, bug.Bug.Kind);
        Assert.Contains("lost update", bug.Bug.Text);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    [InlineData("portfolio")]
    public void Run_CompareAndSetRegister_NoBugIn300Iterations(string strategy)
    {
        var report = Explore(new RegisterScenario(racy: false, clients: 3), strategy, 300);

        Assert.Empty(report.Bugs);
        Assert.Equal(300, report.Iterations);
        Assert.True(report.DistinctSchedules > 1, "the strategy tried only one schedule");
        Assert.Contains("ToyRegister <- ToyWrite", report.Coverage);
        Assert.Contains("ToyIncrementer <- ToyWritten", report.Coverage);
    }

    [Fact]
    public void Run_DfsOnTinyCorrectScenario_ExhaustsEverySchedule()
    {
        var report = Explore(new RegisterScenario(racy: false), "dfs", 100_000);

        Assert.Empty(report.Bugs);
        Assert.True(report.Exhausted);
        Assert.False(report.HitBound);
        Assert.Equal(report.Iterations, report.DistinctSchedules); // DFS never repeats a schedule
    }

    [Fact]
    public void Run_DfsWithTooSmallADepth_SaysItIsExhaustiveOnlyWithinTheBound()
    {
        var report = Explorer.Run(new RegisterScenario(racy: false), StrategyFactory.Create(new StrategyOptions { Name = "dfs", DfsDepth = 2 }),
            new ExplorationOptions { Iterations = 1_000, MaxSteps = 2_000 });

        Assert.True(report.Exhausted);
        Assert.True(report.HitBound);
        Assert.InRange(report.Iterations, 2, 9); // two branch points, at most three ready actors at each
    }

    [Fact]
    public void Run_OrderBug_DfsAndPctReportTheUnhandledException()
    {
        foreach (var strategy in new[] { "dfs", "pct", "random" })
        {
            var report = Explore(new OrderScenario(), strategy, 100, depth: 1);

            var bug = Assert.Single(report.Bugs);
            Assert.Equal(BugKind.UnhandledException, bug.Bug.Kind);
            Assert.Contains("b before a", bug.Bug.Text);
        }
    }

    [Fact]
    public void Run_BlockedWorkAtQuiescence_IsADeadlock()
    {
        var report = Explore(new StuckScenario("thread 7 waits for a reply"), "random", 3);

        var bug = Assert.Single(report.Bugs);
        Assert.Equal(BugKind.Deadlock, bug.Bug.Kind);
        Assert.Contains("thread 7 waits for a reply", bug.Bug.Text);
    }

    [Fact]
    public void Run_NothingBlockedAtQuiescence_Passes() =>
        Assert.Empty(Explore(new StuckScenario(null), "random", 3).Bugs);

    [Fact]
    public void Run_LivelockUnderFairStrategy_IsALivenessBug()
    {
        var report = Explorer.Run(new LivelockScenario(), StrategyFactory.Create(new StrategyOptions { Name = "random" }),
            new ExplorationOptions { Iterations = 1, MaxSteps = 100, LivenessThreshold = 300 });

        var bug = Assert.Single(report.Bugs);
        Assert.Equal(BugKind.Liveness, bug.Bug.Kind);
        Assert.Contains("done never comes", bug.Bug.Text);
    }

    [Fact]
    public void Run_LivelockUnderPct_ReachesTheStepBoundWithoutABug()
    {
        var report = Explorer.Run(new LivelockScenario(), StrategyFactory.Create(new StrategyOptions { Name = "pct" }),
            new ExplorationOptions { Iterations = 2, MaxSteps = 100, LivenessThreshold = 30 });

        Assert.Empty(report.Bugs); // PCT is unfair: temperature is not judged, the bound ends the run
        Assert.Equal(2, report.BoundReached);
    }

    [Fact]
    public void Run_FailOnMaxSteps_ReportsTheBoundAsABug()
    {
        var report = Explorer.Run(new LivelockScenario(), StrategyFactory.Create(new StrategyOptions { Name = "pct" }),
            new ExplorationOptions { Iterations = 1, MaxSteps = 100, FailOnMaxSteps = true });

        Assert.Equal(BugKind.MaxSteps, Assert.Single(report.Bugs).Bug.Kind);
    }

    [Fact]
    public void Run_ParallelAndSequential_FindTheSameFirstBug()
    {
        var parallel = Explore(new RegisterScenario(racy: true), "random", 200, parallelism: 2);
        var sequential = Explore(new RegisterScenario(racy: true), "random", 200, parallelism: 1);

        Assert.Equal(sequential.Bugs.Single().Iteration, parallel.Bugs.Single().Iteration);
        Assert.Equal(sequential.Iterations, parallel.Iterations);
        Assert.Equal(sequential.ScheduleHashes, parallel.ScheduleHashes);
    }

    [Fact]
    public void Merge_ThreeShards_EqualTheUnshardedRun()
    {
        var scenario = new RegisterScenario(racy: false, clients: 3);
        var source = () => StrategyFactory.Create(new StrategyOptions { Name = "pct", StepEstimate = 20 });
        var whole = Explorer.Run(scenario, source(), new ExplorationOptions { Iterations = 90, Seed = 5 });
        var shards = Enumerable.Range(1, 3)
            .Select(k => Explorer.Run(scenario, source(), new ExplorationOptions { Iterations = 90, Seed = 5, Shard = new Shard(k, 3) }))
            .ToList();

        var merged = ExplorationReport.Merge(shards);

        Assert.Equal(whole.Iterations, merged.Iterations);
        Assert.Equal(whole.TotalSteps, merged.TotalSteps);
        Assert.Equal(whole.ScheduleHashes, merged.ScheduleHashes);
        Assert.Equal(whole.Coverage, merged.Coverage);
        Assert.Equal(["1/3", "2/3", "3/3"], merged.Shards);
        Assert.All(shards, s => Assert.Equal(30, s.Iterations));
    }

    [Fact]
    public void Merge_ReportsOfDifferentRunsOrAShardTwice_AreRefused()
    {
        var a = Explore(new RegisterScenario(racy: false), "random", 4, seed: 1);
        var b = Explore(new RegisterScenario(racy: false), "random", 4, seed: 2);

        Assert.False(ExplorationReport.TryMerge([a, b], out _, out var different));
        Assert.Contains("different runs", different);
        Assert.False(ExplorationReport.TryMerge([a, a], out _, out var twice));
        Assert.Contains("appears twice", twice);
    }

    [Fact]
    public void Run_BadOptions_ThrowArgumentExceptionWithTheRule()
    {
        var source = StrategyFactory.Create(new StrategyOptions());

        var e = Assert.Throws<ArgumentException>(() => Explorer.Run(new StuckScenario(null), source, new ExplorationOptions { Iterations = 0 }));
        Assert.Contains("--iterations", e.Message);
    }
}
