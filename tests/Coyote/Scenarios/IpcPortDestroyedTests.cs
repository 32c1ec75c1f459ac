using MachActors.Exploration;
using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>ipc-port-destroyed: a port with a full queue destroyed under two blocked senders. Budget: 100 iterations per strategy, run seed 1, 10,000 steps (an iteration takes about 150).</summary>
public class IpcPortDestroyedTests
{
    private const int Iterations = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_EverySenderReturnsAndNoSendSucceedsAfterAFailure(string strategy)
    {
        var report = ExplorationAssert.Explore(new PortDestroyedScenario(), strategy, Iterations);

        ExplorationAssert.NoBug(report, ExplorationAssert.Budget(strategy, Iterations));
        Assert.Equal(Iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1);
    }
}
