using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-fork-pageout (R13/R14): 24 pages written, forked with copy inheritance, then overwritten in
/// alternate pages by parent and child under paging on a 48-frame machine. Budgets: 20 iterations per
/// strategy, run seed 1, 10,000 steps (an iteration takes about 3,700). Seeded bug: fork with copy
/// inheritance shares the memory instead (found under random and PCT).
/// </summary>
public class VmForkPageoutTests(ITestOutputHelper output)
{
    private const int Iterations = 20;

    private static ExplorationReport Explore(Scenario scenario, string strategy) => ExplorationAssert.Explore(scenario, strategy, Iterations, depth: 3);

    private static string Budget(string strategy) => ExplorationAssert.Budget(strategy, Iterations);

    private sealed class ForkShares : ForkPageoutScenario
    {
        protected override MachineConfig Config => base.Config with { SeededBugs = SeededBugs.ForkCopyShares };
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernel_NoBug(string strategy)
    {
        var report = Explore(new ForkPageoutScenario(), strategy);

        ExplorationAssert.NoBug(report, Budget(strategy));
        Assert.Equal(Iterations, report.Iterations);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_ForkCopyShares_IsFoundAndReplays(string strategy)
    {
        var scenario = new ForkShares();

        var found = ExplorationAssert.Found(Explore(scenario, strategy), Budget(strategy), output);

        Assert.Contains("bytes", found.Bug.Text);
        ExplorationAssert.Replays(scenario, found);
    }
}
