using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-shared-page: two threads on two CPUs fault on one page of an external pager's object.
/// Budgets: 150 iterations per strategy, run seed 1, 10,000 steps (an iteration takes about 180).
/// Seeded bug: a fault on a page with a data_request outstanding requests again (property e's bug).
/// </summary>
public class VmSharedPageTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_NoBug(string strategy) =>
        Assert.Equal(0, ScenarioChecks.Clean(new SharedPageScenario(), strategy, Iterations).BoundReached);

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_KernelRequestsTwiceForOnePage_FoundByTheDataRequestMonitorAndReplayed(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-shared-page/RefaultRequestsAgain"), strategy, Iterations, output);
}
