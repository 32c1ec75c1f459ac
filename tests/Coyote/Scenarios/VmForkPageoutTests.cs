using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
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

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernel_NoBug(string strategy) => ScenarioChecks.Clean(new ForkPageoutScenario(), strategy, Iterations);

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_ForkCopyShares_IsFoundAndReplays(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-fork-pageout/ForkCopyShares"), strategy, Iterations, output);
}
