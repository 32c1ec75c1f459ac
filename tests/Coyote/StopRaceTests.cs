using MachActors.Actors.Scheduling;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.StopRace;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// A stop racing with a message already in the stopped actor's mailbox. With system messages always
/// first (userFirstProbability 0) the charge is either handled before the shutdown or dead-lettered,
/// so the buggy supervisor survives; with RandomStrategy(seed, userFirstProbability: 0.5) the worker
/// sometimes handles the charge after the shutdown, and the ledger sees it after closing. The correct
/// supervisor survives both. Budget: 200 iterations per sweep; iteration i's seed is
/// DeterministicRandom.Derive(0x73746F70, i).
/// </summary>
public class StopRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 200;
    private const ulong RunSeed = 0x73746F70; // "stop"
    private const string Budget = "200 iterations of random(seed = Derive(0x73746F70, i)";

    private static SweepResult Sweep(Func<MachActors.Actors.ActorSystem, string?> scenario, double userFirst) =>
        Exploration.Sweep(scenario, Iterations, RunSeed, seed => new RandomStrategy(seed, userFirstProbability: userFirst));

    [Fact]
    public void SystemMessagesAlwaysFirst_TheRaceIsNeverFound() =>
        BugReport.AssertSurvived(Sweep(StopRaceScenarios.CloseAtOnce, 0), Iterations, Budget + ", user-first 0)");

    [Fact]
    public void UserFirstChoices_TheRaceIsFound_AndReplays()
    {
        var bug = BugReport.AssertFound(Sweep(StopRaceScenarios.CloseAtOnce, 0.5), Budget + ", user-first 0.5)", output);

        Assert.Contains("after the ledger was closed", bug.Violation);
        Assert.Contains(bug.Schedule.Decisions, d => d.Kind == DecisionKind.UserFirst);
        BugReport.AssertReplaysIdentically(StopRaceScenarios.CloseAtOnce, bug);
    }

    [Fact]
    public void CloseOnTerminated_SurvivesUserFirstChoices() =>
        BugReport.AssertSurvived(Sweep(StopRaceScenarios.CloseAfterTerminated, 0.5), Iterations, Budget + ", user-first 0.5)");
}
