using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-shared-page: two threads on two CPUs fault on one page of an external pager's object.
/// Budgets: 150 iterations per strategy, run seed 1, 10,000 steps (an iteration takes about 180).
/// </summary>
public class VmSharedPageTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    private static ExplorationReport Explore(Scenario scenario, string strategy) => ExplorationAssert.Explore(scenario, strategy, Iterations, depth: 2);

    private static string Budget(string strategy) => ExplorationAssert.Budget(strategy, Iterations);

    /// <summary>A kernel whose fault on a page with a data_request outstanding requests again (property e's bug).</summary>
    private sealed class RequestAgainKernel : SharedPageScenario
    {
        protected override MachineConfig Config => base.Config with { SeededBugs = SeededBugs.RefaultRequestsAgain };
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_NoBug(string strategy)
    {
        var report = Explore(new SharedPageScenario(), strategy);

        ExplorationAssert.NoBug(report, Budget(strategy));
        Assert.Equal(Iterations, report.Iterations);
        Assert.Equal(0, report.BoundReached);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_KernelRequestsTwiceForOnePage_FoundByTheDataRequestMonitorAndReplayed(string strategy)
    {
        var scenario = new RequestAgainKernel();

        var bug = ExplorationAssert.Found(Explore(scenario, strategy), Budget(strategy), output);

        Assert.Equal(BugKind.Safety, bug.Bug.Kind);
        Assert.Contains("DataRequestMonitor", bug.Bug.Text);
        Assert.Contains("while #", bug.Bug.Text);
        ExplorationAssert.Replays(scenario, bug);
    }
}
