using System.Globalization;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Catalog;

/// <summary>
/// The iterations-to-find benchmark of issue 6 (docs/EXPLORATION.md, "Tests"): every seeded bug of
/// <see cref="SeededBugCatalog"/> explored under random, PCT (depth 3) and fair PCT with run seeds 1..S,
/// each run stopping at its first bug within <see cref="Cap"/> iterations (10,000-step bound, no files).
/// Iterations-to-find is deterministic (seeded), so it is a test, not a BenchmarkDotNet suite. Budget: S =
/// <see cref="DefaultSeeds"/>, about 25 s (MACHACTORS_FIND_SEEDS=N for another S).
/// The table goes to the test output and to <see cref="TablePath"/>.
/// </summary>
public class SeededBugTableTests(ITestOutputHelper output)
{
    /// <summary>Iterations a run may take before the bug counts as not found.</summary>
    public const int Cap = 2_000;

    /// <summary>Run seeds 1..S measured by default (CI).</summary>
    public const int DefaultSeeds = 11;

    /// <summary>The environment variable that sets S.</summary>
    public const string SeedsVariable = "MACHACTORS_FIND_SEEDS";

    /// <summary>PCT's target: the median run finds each seeded bug within this many iterations (index below it).</summary>
    public const int PctTarget = 1_000;

    private const string Settings = "Strategies by their --strategy names, pct and fair-pct with depth 3 (fair-pct's default 10,000 unfair steps); max steps 10,000 (fair: 100,000); iteration 0 is the first.";

    private static readonly string[] Strategies = ["random", "pct", "fair-pct"];

    /// <summary>Where the markdown table is written (the temp folder).</summary>
    public static string TablePath => Path.Combine(Path.GetTempPath(), "machactors-iterations-to-find.md");

    [Fact]
    public void IterationsToFind_EverySeededBug_PctMedianWithinOneThousand()
    {
        var seeds = Seeds();
        var wrong = new List<string>();
        var rows = SeededBugCatalog.All.Select(bug => Measure(bug, seeds, wrong)).ToList();
        var table = IterationsToFind.Table(Strategies, rows, seeds, Cap, Settings);
        File.WriteAllText(TablePath, table);
        output.WriteLine(table);
        output.WriteLine($"table written to {TablePath}");

        Assert.True(wrong.Count == 0, "runs found another bug than the seeded one:\n" + string.Join('\n', wrong));
        foreach (var row in rows)
        {
            Assert.True(IterationsToFind.Median(row.Found["pct"]) is { } median && median + 1 <= PctTarget, $"{row.Bug}: PCT's median is not within {PctTarget} iterations: {IterationsToFind.Cell(row.Found["pct"], Cap)}");
            foreach (var strategy in Strategies)
            {
                Assert.True(IterationsToFind.FoundByMajority(row.Found[strategy]), $"{row.Bug}: {strategy} found it in only {IterationsToFind.FoundCount(row.Found[strategy])} of {seeds} runs within {Cap} iterations");
            }
        }
    }

    /// <summary>S: <see cref="SeedsVariable"/> when set, else <see cref="DefaultSeeds"/>.</summary>
    private static int Seeds()
    {
        var text = Environment.GetEnvironmentVariable(SeedsVariable);
        if (string.IsNullOrEmpty(text)) return DefaultSeeds;
        Assert.True(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seeds) && seeds >= 1, $"{SeedsVariable}={text}: a positive number of run seeds");
        return seeds;
    }

    /// <summary>Explores <paramref name="bug"/> under each strategy with run seeds 1..<paramref name="seeds"/>; a found bug that is not the seeded one goes to <paramref name="wrong"/>.</summary>
    private static IterationsToFindRow Measure(SeededBug bug, int seeds, List<string> wrong)
    {
        var scenario = bug.Create();
        var found = new Dictionary<string, IReadOnlyList<long?>>();
        foreach (var strategy in Strategies)
        {
            var runs = new List<long?>();
            for (var seed = 1UL; seed <= (ulong)seeds; seed++)
            {
                var report = Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, Depth = 3, EarlyTimers = bug.EarlyTimers }), new ExplorationOptions { Iterations = Cap, Seed = seed });
                var first = report.Bugs.FirstOrDefault();
                if (first is not null && !bug.Matches(first.Bug)) wrong.Add($"{bug.Name}, {strategy}, seed {seed}, iteration {first.Iteration}: {first.Bug}");
                runs.Add(first?.Iteration);
            }
            found[strategy] = runs;
        }
        return new IterationsToFindRow(bug.Name, bug.Race, found);
    }
}
