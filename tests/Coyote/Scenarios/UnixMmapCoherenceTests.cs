using MachActors.Scenarios.Unix;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// unix-mmap-coherence: a MAP_SHARED file across fork, the child's stores read by the parent's read(2) and
/// the parent's write(2) seen in the child's mapping. Budgets: 100 iterations per strategy (random, pct,
/// fair-pct), run seed 1, 10,000 steps (an iteration takes about 1,600). The seeded bug (the server does
/// not settle the mapped pages before read and write) breaks every schedule: found in the first iteration
/// under random and PCT, by the parent's read(2).
/// </summary>
public class UnixMmapCoherenceTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectServer_EachSideSeesTheOthersBytes(string strategy)
    {
        var report = ScenarioChecks.Clean(new MmapCoherenceScenario(), strategy, Iterations);

        Assert.Equal(0, report.BoundReached);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_SettleSkipped_IsFoundAndReplays(string strategy)
    {
        var found = ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("unix-mmap-coherence/SettleSkipped"), strategy, Iterations, output);

        Assert.Contains("the parent's read(2) is stale", found.Bug.Text, StringComparison.Ordinal);
    }
}
