using System.Globalization;
using System.Text;

namespace MachActors.Tests.Coyote.Catalog;

/// <summary>One row of the iterations-to-find table: a seeded bug and, per strategy, the iteration each run seed found it in.</summary>
/// <param name="Bug">The seeded bug's name.</param>
/// <param name="Race">The race it seeds.</param>
/// <param name="Found">Per strategy, per run seed (in seed order): the 0-based index of the iteration that found the bug (<c>FoundBug.Iteration</c>), or null when the run found nothing within the cap.</param>
public sealed record IterationsToFindRow(string Bug, string Race, IReadOnlyDictionary<string, IReadOnlyList<long?>> Found);

/// <summary>
/// The arithmetic and layout of the iterations-to-find table (docs/EXPLORATION.md, "Tests"): medians over
/// run seeds, where a run that found nothing within the cap counts as larger than any found iteration, and
/// a markdown table of the cells. Iterations are 0-based indices, as <c>FoundBug.Iteration</c>: index 0 is
/// the first iteration, so index i means i + 1 iterations were needed.
/// </summary>
public static class IterationsToFind
{
    /// <summary>
    /// The median of <paramref name="found"/> (null entries: not found, above every found value): the middle
    /// value of an odd count, the mean of the two middle values of an even one. Null when the median is a run
    /// that found nothing (half the runs or more found nothing), or for no runs.
    /// </summary>
    public static double? Median(IReadOnlyList<long?> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (found.Count == 0) return null;
        var sorted = found.OrderBy(f => f ?? long.MaxValue).ToList();
        var upper = sorted[found.Count / 2];
        var lower = sorted[(found.Count - 1) / 2];
        return upper is { } u && lower is { } l ? (l + u) / 2.0 : null;
    }

    /// <summary>Runs that found the bug.</summary>
    public static int FoundCount(IReadOnlyList<long?> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return found.Count(f => f is not null);
    }

    /// <summary>Whether more than half the runs found the bug.</summary>
    public static bool FoundByMajority(IReadOnlyList<long?> found) => FoundCount(found) * 2 > found.Count;

    /// <summary>
    /// One cell: "median (min-max)" of the found indices, with ", k/n found" when some runs found nothing;
    /// "not found within cap" plus the count when the median is such a run.
    /// </summary>
    public static string Cell(IReadOnlyList<long?> found, long cap)
    {
        ArgumentNullException.ThrowIfNull(found);
        var hits = found.OfType<long>().ToList();
        var count = hits.Count == found.Count ? "" : $", {hits.Count}/{found.Count} found";
        if (Median(found) is not { } median) return $"> {Number(cap)}{count}";
        return $"{Number(median)} ({Number(hits.Min())}-{Number(hits.Max())}){count}";
    }

    /// <summary>
    /// The markdown table: a caption line stating the unit, the seeds, the cap and <paramref name="settings"/>
    /// (strategy options and bounds), then a header of <paramref name="strategies"/> and one row per bug (its
    /// name in a code span, its race, a <see cref="Cell"/> per strategy).
    /// </summary>
    public static string Table(IReadOnlyList<string> strategies, IReadOnlyList<IterationsToFindRow> rows, int seeds, long cap, string settings)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Iteration index (0-based, as FoundBug.Iteration) at which each run found the seeded bug: median over run seeds 1..{seeds} (min-max); a run that found nothing within {Number(cap)} iterations counts as above every found index. {settings}\n\n");
        text.Append("| seeded bug | race | ").AppendJoin(" | ", strategies).Append(" |\n");
        text.Append("|---|---|").Append(string.Concat(strategies.Select(_ => "---:|"))).Append('\n');
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{row.Bug}` | {row.Race} | ");
            text.AppendJoin(" | ", strategies.Select(s => row.Found.TryGetValue(s, out var found) ? Cell(found, cap) : "")).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString(value % 1 == 0 ? "#,0" : "#,0.0", CultureInfo.InvariantCulture);
}
