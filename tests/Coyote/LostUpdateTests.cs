using MachActors.Actors.Scheduling;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.LostUpdate;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// Read-modify-write on a shared register by two clients without a lock.
/// Budget: 100 iterations under random (no early timers; there are none to fire), run seed
/// 0x4D616368: iteration i's seed is DeterministicRandom.Derive(0x4D616368, i).
/// </summary>
public class LostUpdateTests(ITestOutputHelper output)
{
    private const int Iterations = 100;
    private const ulong RunSeed = 0x4D616368; // "Mach"
    private const string Budget = "100 iterations of random(seed = Derive(0x4D616368, i))";

    private static readonly SeededBug RacyBug = SeededBugCatalog.Named("lost-update/racy-increment");
    private static readonly Scenario Racy = RacyBug.Create();

    private static ExplorationReport Explore(Scenario scenario) =>
        Explorer.Run(scenario, new RandomSource(), new ExplorationOptions { Iterations = Iterations, Seed = RunSeed, OutputDirectory = ExplorationAssert.NewOutputDirectory() });

    [Fact]
    public void RacyIncrement_IsFound_AndItsScheduleReplaysTheSameFailure()
    {
        var bug = ExplorationAssert.Found(Explore(Racy), Budget, output);

        RacyBug.AssertIs(bug.Bug);
        ExplorationAssert.Replays(Racy, bug);
    }

    [Fact]
    public void RacyIncrement_SameSeed_SameRuns()
    {
        var first = Explore(Racy);
        var second = Explore(Racy);

        Assert.Equal(first.Bugs.Single().Iteration, second.Bugs.Single().Iteration);
        Assert.Equal(first.ScheduleHashes, second.ScheduleHashes);
        Assert.Equal(DeterministicRandom.Derive(RunSeed, (ulong)first.Bugs.Single().Iteration), first.Bugs.Single().Seed);
    }

    [Fact]
    public void CompareAndSetIncrement_SurvivesTheSameBudget()
    {
        var report = Explore(new DelegateScenario("cas-update", LostUpdateScenarios.WithCompareAndSet));

        ExplorationAssert.NoBug(report, Budget);
        Assert.Equal(Iterations, report.Iterations);
    }
}
