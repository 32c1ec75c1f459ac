using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>vm-pager-stamps, the benchmark's standard pager scenario: clean under a stated budget (100 iterations per strategy, run seed 1, 10,000 steps; an iteration takes about 850).</summary>
public class VmPagerStampsTests
{
    private const int Iterations = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelAndPager_NoBug(string strategy)
    {
        var report = ScenarioChecks.Clean(new PagerStampsScenario(), strategy, Iterations);

        Assert.True(report.MinSteps >= 800, $"an iteration took only {report.MinSteps} steps");
    }
}
