using MachActors.Actors.Scheduling;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.StopRace;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// A stop racing with a message already in the stopped actor's mailbox. With system messages always
/// first (userFirstProbability 0) the charge is either handled before the shutdown or dead-lettered,
/// so the buggy supervisor survives; with RandomStrategy(seed, userFirstProbability: 0.5) the worker
/// sometimes handles the charge after the shutdown, and the ledger sees it after closing. The correct
/// supervisor survives both. Budget: 200 iterations per run; iteration i's seed is
/// DeterministicRandom.Derive(0x73746F70, i).
/// </summary>
public class StopRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 200;
    private const ulong RunSeed = 0x73746F70; // "stop"
    private const string Budget = "200 iterations of random(seed = Derive(0x73746F70, i)";

    private static readonly Scenario CloseAtOnce = new DelegateScenario("stop-race", StopRaceScenarios.CloseAtOnce);

    private static ExplorationReport Explore(Scenario scenario, double userFirst) =>
        Explorer.Run(scenario, new DelegateSource($"random(user-first={userFirst})", seed => new RandomStrategy(seed, userFirstProbability: userFirst), fair: true),
            new ExplorationOptions { Iterations = Iterations, Seed = RunSeed, OutputDirectory = ExplorationAssert.NewOutputDirectory() });

    [Fact]
    public void SystemMessagesAlwaysFirst_TheRaceIsNeverFound() =>
        ExplorationAssert.NoBug(Explore(CloseAtOnce, 0), Budget + ", user-first 0)");

    [Fact]
    public void UserFirstChoices_TheRaceIsFound_AndReplays()
    {
        var bug = ExplorationAssert.Found(Explore(CloseAtOnce, 0.5), Budget + ", user-first 0.5)", output);

        Assert.Contains("after the ledger was closed", bug.Bug.Text);
        var file = ExplorationAssert.Replays(CloseAtOnce, bug);
        Assert.Contains(file.ToSchedule().Decisions, d => d.Kind == DecisionKind.UserFirst);
    }

    [Fact]
    public void CloseOnTerminated_SurvivesUserFirstChoices() =>
        ExplorationAssert.NoBug(Explore(new DelegateScenario("stop-after-terminated", StopRaceScenarios.CloseAfterTerminated), 0.5), Budget + ", user-first 0.5)");
}
