using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// ipc-port-destroyed: a port with a full queue destroyed under two blocked senders. Budget: 100
/// iterations per strategy, run seed 1, 10,000 steps (an iteration takes about 150). The seeded bug (the
/// dying port drops its blocked senders without waking them) breaks every schedule (the scenario always
/// has blocked senders at the death): found by liveness in the first iteration.
/// </summary>
public class IpcPortDestroyedTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_EverySenderReturnsAndNoSendSucceedsAfterAFailure(string strategy)
    {
        ScenarioChecks.Clean(new PortDestroyedScenario(), strategy, Iterations);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_PortDeathDropsBlockedSenders_IsFoundByLivenessAndReplays(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("ipc-port-destroyed/PortDeathDropsBlockedSenders"), strategy, Iterations, output);
}
