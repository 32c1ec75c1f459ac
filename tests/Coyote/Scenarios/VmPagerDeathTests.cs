using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-pager-death (R11): two readers fault on the pages of one external object at once; the pager supplies
/// the first and dies at the second request; a third task uses anonymous memory meanwhile. Budget: 150
/// iterations per strategy, run seed 1, 10,000 steps (an iteration takes about 340). Before the kernel fix
/// of this issue (a death that overtook the pager's last supply being staged) random found the first
/// reader faulting in iteration 1, PCT and fair PCT in iteration 0.
/// </summary>
public class VmPagerDeathTests
{
    private const int Iterations = 150;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_OneReaderTakesBadAccessNothingHangs(string strategy) =>
        Assert.Equal(0, ScenarioChecks.Clean(new PagerDeathScenario(), strategy, Iterations).BoundReached);
}
