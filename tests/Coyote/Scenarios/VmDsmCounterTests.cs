using MachActors.Exploration;
using MachActors.Pagers.Dsm;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.SeededPagers;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-dsm-counter (R15): a DSM pager keeps one segment coherent between two nodes whose tasks write the page
/// at once and take turns incrementing a counter in it. Budgets: 100 iterations per strategy (random, pct,
/// fair-pct), run seed 1, the harness's step bound (an iteration takes about 400 steps), and no iteration
/// reaching it (the writer's hold time keeps two writers from stealing the page from each other forever). The seeded bug, a
/// DSM pager that answers before its revocations completed (<see cref="HastyDsmPager"/>), is found within
/// the same budget under random and PCT, by the pager's coherence audit.
/// </summary>
public class VmDsmCounterTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    /// <summary>The scenario with the seeded <see cref="HastyDsmPager"/> (in <see cref="SeededBugCatalog"/>).</summary>
    internal sealed class Hasty : DsmCounterScenario
    {
        protected override DsmPager NewPager(int pageSize, CoherenceAudit audit) => new HastyDsmPager(pageSize, audit);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectDsmPager_CounterAndScratchWordsCoherentAndEveryIterationEnds(string strategy)
    {
        var report = ScenarioChecks.Clean(new DsmCounterScenario(), strategy, Iterations);

        Assert.Equal(0, report.BoundReached); // no ping-pong livelock: without the writer's hold, PCT ran a quarter of its iterations to the step bound
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_HastyDsmPager_IsFoundAndReplays(string strategy)
    {
        var found = ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-dsm-counter/hasty-dsm-pager"), strategy, Iterations, output);
        Assert.Equal(BugKind.Safety, found.Bug.Kind);
    }
}
