using MachActors.Exploration;
using MachActors.Tests.Coyote.Catalog;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>The two checks every kernel scenario suite makes, on top of <see cref="ExplorationAssert"/>.</summary>
public static class ScenarioChecks
{
    /// <summary>Explores <paramref name="scenario"/> for <paramref name="iterations"/> iterations (run seed 1) and asserts no bug, every iteration run and more than one schedule seen.</summary>
    public static ExplorationReport Clean(Scenario scenario, string strategy, int iterations)
    {
        var report = ExplorationAssert.Explore(scenario, strategy, iterations);
        ExplorationAssert.NoBug(report, ExplorationAssert.Budget(strategy, iterations));
        Assert.Equal(iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1, $"{report.Scenario}: every iteration followed the same schedule");
        return report;
    }

    /// <summary>Asserts a seeded bug in <paramref name="scenario"/> is found within <paramref name="iterations"/> iterations (run seed 1; the iteration is logged) and that its schedule replays it.</summary>
    public static FoundBug FoundAndReplays(Scenario scenario, string strategy, int iterations, ITestOutputHelper output)
    {
        var found = ExplorationAssert.Found(ExplorationAssert.Explore(scenario, strategy, iterations), ExplorationAssert.Budget(strategy, iterations), output);
        ExplorationAssert.Replays(scenario, found);
        return found;
    }

    /// <summary>
    /// <see cref="FoundAndReplays(Scenario, string, int, ITestOutputHelper)"/> on a catalog entry's scenario, and
    /// asserts the bug found is the seeded one (its kind and text fragments).
    /// </summary>
    public static FoundBug FoundAndReplays(SeededBug bug, string strategy, int iterations, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(bug);
        var found = bug.EarlyTimers > 0
            ? EarlyTimerChecks.FoundAndReplays(bug.Create(), strategy, bug.EarlyTimers, iterations, seed: 1, output)
            : FoundAndReplays(bug.Create(), strategy, iterations, output);
        bug.AssertIs(found.Bug);
        return found;
    }
}
