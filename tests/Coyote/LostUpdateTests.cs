using MachActors.Actors;
using MachActors.Actors.Scheduling;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.LostUpdate;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// Read-modify-write on a shared register by two clients without a lock.
/// Budget: 100 iterations under RandomStrategy (no early timers; there are none to fire);
/// iteration i's seed is DeterministicRandom.Derive(0x4D616368, i).
/// </summary>
public class LostUpdateTests(ITestOutputHelper output)
{
    private const int Iterations = 100;
    private const ulong RunSeed = 0x4D616368; // "Mach"
    private const string Budget = "100 iterations of random(seed = Derive(0x4D616368, i))";

    private static SweepResult Sweep(Func<ActorSystem, string?> scenario) =>
        Exploration.Sweep(scenario, Iterations, RunSeed, seed => new RandomStrategy(seed));

    [Fact]
    public void RacyIncrement_IsFound_AndItsScheduleReplaysTheSameFailure()
    {
        var bug = BugReport.AssertFound(Sweep(LostUpdateScenarios.Racy), Budget, output);

        Assert.Contains("lost update", bug.Violation);
        BugReport.AssertReplaysIdentically(LostUpdateScenarios.Racy, bug);
    }

    [Fact]
    public void RacyIncrement_SameSeed_SameRun()
    {
        var seed = DeterministicRandom.Derive(RunSeed, 0);

        var first = Exploration.RunOnce(LostUpdateScenarios.Racy, new RandomStrategy(seed));
        var second = Exploration.RunOnce(LostUpdateScenarios.Racy, new RandomStrategy(seed));

        Assert.Equal(first.Violation, second.Violation);
        Assert.Equal(first.Schedule.Decisions, second.Schedule.Decisions);
        Assert.Equal(first.Trace, second.Trace);
    }

    [Fact]
    public void CompareAndSetIncrement_SurvivesTheSameBudget() =>
        BugReport.AssertSurvived(Sweep(LostUpdateScenarios.WithCompareAndSet), Iterations, Budget);
}
