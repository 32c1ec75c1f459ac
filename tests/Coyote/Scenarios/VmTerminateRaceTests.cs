using MachActors.Actors.Timing;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-terminate-race (R3/R4): the last unmap terminates an object while a write fault's data_request is
/// outstanding, then the object is mapped again. Clean budgets: 150 iterations per strategy (and with a
/// 28 us pager), run seed 1, 10,000 steps (an iteration takes about 270). Seeded kernel bugs, each found
/// under random and PCT (the iteration is printed): a late supply on a terminated incarnation's control
/// port applied to the new incarnation (R3; with the 28 us pager the late supply must reach the object
/// after the new init: found in iteration 2 under random, 5 under PCT, budget 50; by the VM oracle,
/// "second mapping"), and terminate sent before the dirty page's data_return (I10; needs the child's write
/// to land before the unmap, about half the schedules under random, most under PCT: iteration 0 for both,
/// budget 20; by the incarnation monitor).
/// </summary>
public class VmTerminateRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    /// <summary>The scenario with a pager answering after 28 us, about when the late supply reaches the object as it is mapped again (in <see cref="SeededBugCatalog"/> seeded with <c>StaleSupplyApplied</c>).</summary>
    internal sealed class SlowPager : TerminateRaceScenario
    {
        protected override Duration PagerLatency => Duration.FromMicroseconds(28);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_NoBug(string strategy) => ScenarioChecks.Clean(new TerminateRaceScenario(), strategy, Iterations);

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelSlowPager_NoBug(string strategy) => ScenarioChecks.Clean(new SlowPager(), strategy, Iterations);

    [Theory]
    [InlineData("random", 50)]
    [InlineData("pct", 50)]
    public void Explore_StaleSupplyApplied_FoundByTheVmOracleAndReplayed(string strategy, int iterations) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-terminate-race/StaleSupplyApplied"), strategy, iterations, output);

    [Theory]
    [InlineData("random", 20)]
    [InlineData("pct", 20)]
    public void Explore_TerminateBeforeReturns_FoundByTheIncarnationMonitorAndReplayed(string strategy, int iterations) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-terminate-race/TerminateBeforeReturns"), strategy, iterations, output);
}
