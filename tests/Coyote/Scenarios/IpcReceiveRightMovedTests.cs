using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios.Ipc;
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

    private sealed class WithKernelBug(SeededBugs bug) : ReceiveRightMovedScenario
    {
        protected override MachineConfig Config => base.Config with { SeededBugs = bug };
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernel_EveryMessageReachesTheNewHolderOnceAndInOrder(string strategy)
    {
        var report = ExplorationAssert.Explore(new ReceiveRightMovedScenario(), strategy, Iterations);

        ExplorationAssert.NoBug(report, ExplorationAssert.Budget(strategy, Iterations));
        Assert.Equal(Iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1);
        output.WriteLine($"steps min {report.MinSteps}, mean {report.MeanSteps}, max {report.MaxSteps}");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_InTransitPortDestroysMessages_IsFoundByAccountingAndReplays(string strategy)
    {
        var scenario = new WithKernelBug(SeededBugs.InTransitPortDestroysMessages);

        var found = ExplorationAssert.Found(ExplorationAssert.Explore(scenario, strategy, Iterations), ExplorationAssert.Budget(strategy, Iterations), output);

        Assert.Contains("MessageAccountingMonitor", found.Bug.Text);
        ExplorationAssert.Replays(scenario, found);
    }
}
