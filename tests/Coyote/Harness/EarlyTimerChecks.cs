using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>
/// The checks of <see cref="ScenarioChecks"/> for explorations with early timers (a due or future timer
/// fires before pending mail with a stated chance per decision) and a stated run seed: the seeded bugs
/// whose race needs a schedule to hold one actor's work back while virtual time moves on.
/// </summary>
public static class EarlyTimerChecks
{
    /// <summary>Explores <paramref name="scenario"/> with <paramref name="strategy"/> and early timers <paramref name="earlyTimers"/> for <paramref name="iterations"/> iterations of run seed <paramref name="seed"/>.</summary>
    public static ExplorationReport Explore(Scenario scenario, string strategy, double earlyTimers, int iterations, ulong seed) =>
        Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, EarlyTimers = earlyTimers }),
            new ExplorationOptions { Iterations = iterations, Seed = seed, OutputDirectory = ExplorationAssert.NewOutputDirectory() });

    /// <summary>The budget of <see cref="Explore"/>, as tests state it.</summary>
    public static string Budget(string strategy, double earlyTimers, int iterations, ulong seed) =>
        $"{iterations} iterations of {strategy} with early timers {earlyTimers} (seed {seed}, max 10,000 steps)";

    /// <summary>Asserts no bug within the budget, every iteration run, more than one schedule seen.</summary>
    public static ExplorationReport Clean(Scenario scenario, string strategy, double earlyTimers, int iterations, ulong seed = 1)
    {
        var report = Explore(scenario, strategy, earlyTimers, iterations, seed);
        ExplorationAssert.NoBug(report, Budget(strategy, earlyTimers, iterations, seed));
        Assert.Equal(iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1, $"{report.Scenario}: every iteration followed the same schedule");
        return report;
    }

    /// <summary>Asserts a seeded bug is found within the budget (the iteration is logged) and that its schedule replays it.</summary>
    public static FoundBug FoundAndReplays(Scenario scenario, string strategy, double earlyTimers, int iterations, ulong seed, ITestOutputHelper output)
    {
        var found = ExplorationAssert.Found(Explore(scenario, strategy, earlyTimers, iterations, seed), Budget(strategy, earlyTimers, iterations, seed), output);
        ExplorationAssert.Replays(scenario, found);
        return found;
    }
}
