using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// ipc-receive-right-moved: a receive right moved to another task while two threads keep sending to its
/// port. Budget: 150 iterations per strategy, run seed 1, 10,000 steps. The seeded bug (a message that
/// reaches the port while its receive right is in transit is destroyed as if the port were dead) needs
/// a send to reach the port between the move and the arrival.
/// </summary>
public class IpcReceiveRightMovedTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernel_EveryMessageReachesTheNewHolderOnceAndInOrder(string strategy)
    {
        var report = ScenarioChecks.Clean(new ReceiveRightMovedScenario(), strategy, Iterations);
        output.WriteLine($"steps min {report.MinSteps}, mean {report.MeanSteps}, max {report.MaxSteps}");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_InTransitPortDestroysMessages_IsFoundByAccountingAndReplays(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("ipc-receive-right-moved/InTransitPortDestroysMessages"), strategy, Iterations, output);
}
