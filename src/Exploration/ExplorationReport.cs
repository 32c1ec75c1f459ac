using System.Text.Json;

namespace MachActors.Exploration;

/// <summary>
/// The result of an exploration run or shard: budget, counts, bugs, steps, speed, distinct schedules and
/// coverage of (actor class, message class) pairs. Shards of one run merge into the run's report
/// (<see cref="Merge"/>); a report saves as JSON (<see cref="Save"/>, <see cref="TryLoad"/>).
/// </summary>
public sealed record ExplorationReport
{
    /// <summary>The scenario.</summary>
    public required string Scenario { get; init; }

    /// <summary>The strategy source's description.</summary>
    public required string Strategy { get; init; }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The iteration budget of the whole run.</summary>
    public long Budget { get; init; }

    /// <summary>The shards this report covers, as "K/N" (one for a shard's report, several after a merge).</summary>
    public List<string> Shards { get; init; } = [];

    /// <summary>Iterations run.</summary>
    public long Iterations { get; init; }

    /// <summary>Iterations that ended at the step bound or the time limit.</summary>
    public long BoundReached { get; init; }

    /// <summary>Total steps of every iteration.</summary>
    public long TotalSteps { get; init; }

    /// <summary>The fewest steps of an iteration.</summary>
    public long MinSteps { get; init; }

    /// <summary>The most steps of an iteration.</summary>
    public long MaxSteps { get; init; }

    /// <summary>Wall-clock seconds the host spent (summed over merged shards).</summary>
    public double Seconds { get; init; }

    /// <summary>Iterations per wall-clock second.</summary>
    public double IterationsPerSecond => Seconds > 0 ? Iterations / Seconds : 0;

    /// <summary>Mean steps per iteration.</summary>
    public double MeanSteps => Iterations > 0 ? (double)TotalSteps / Iterations : 0;

    /// <summary>Hashes of the distinct schedules run.</summary>
    public List<ulong> ScheduleHashes { get; init; } = [];

    /// <summary>How many distinct schedules ran.</summary>
    public int DistinctSchedules => ScheduleHashes.Count;

    /// <summary>The (actor class, message class) pairs delivered, "Actor &lt;- Message", sorted.</summary>
    public List<string> Coverage { get; init; } = [];

    /// <summary>K, the step estimate PCT used (0 when none).</summary>
    public long StepEstimate { get; init; }

    /// <summary>A sequential search (DFS) tried everything (within its bound when <see cref="HitBound"/>).</summary>
    public bool Exhausted { get; init; }

    /// <summary>The DFS met choice points past its depth bound.</summary>
    public bool HitBound { get; init; }

    /// <summary>Bugs found, lowest iteration first.</summary>
    public List<FoundBug> Bugs { get; init; } = [];

    /// <summary>
    /// Combines shard reports of one run (same scenario, strategy, seed and budget): counts add up,
    /// schedules and coverage unite, bugs are sorted by iteration. False with a message when the
    /// reports do not belong to one run or a shard appears twice.
    /// </summary>
    public static bool TryMerge(IReadOnlyList<ExplorationReport> reports, out ExplorationReport? merged, out string? error)
    {
        merged = null;
        error = null;
        if (reports.Count == 0)
        {
            error = "no reports to merge";
            return false;
        }
        var first = reports[0];
        if (reports.FirstOrDefault(r => r.Scenario != first.Scenario || r.Strategy != first.Strategy || r.Seed != first.Seed || r.Budget != first.Budget) is { } odd)
        {
            error = $"reports of different runs: {first.Scenario}/{first.Strategy}/seed {first.Seed}/budget {first.Budget} and {odd.Scenario}/{odd.Strategy}/seed {odd.Seed}/budget {odd.Budget}";
            return false;
        }
        var shards = reports.SelectMany(r => r.Shards).ToList();
        if (shards.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            error = $"shard {twice.Key} appears twice";
            return false;
        }
        var ran = reports.Where(r => r.Iterations > 0).ToList();
        merged = first with
        {
            Shards = [.. shards.Order()],
            Iterations = reports.Sum(r => r.Iterations),
            BoundReached = reports.Sum(r => r.BoundReached),
            TotalSteps = reports.Sum(r => r.TotalSteps),
            MinSteps = ran.Count == 0 ? 0 : ran.Min(r => r.MinSteps),
            MaxSteps = reports.Max(r => r.MaxSteps),
            Seconds = reports.Sum(r => r.Seconds),
            ScheduleHashes = [.. reports.SelectMany(r => r.ScheduleHashes).Distinct().Order()],
            Coverage = [.. reports.SelectMany(r => r.Coverage).Distinct().Order(StringComparer.Ordinal)],
            Exhausted = reports.All(r => r.Exhausted),
            HitBound = reports.Any(r => r.HitBound),
            Bugs = [.. reports.SelectMany(r => r.Bugs).OrderBy(b => b.Iteration)],
        };
        return true;
    }

    /// <summary>As <see cref="TryMerge"/>, throwing for reports that do not merge.</summary>
    /// <exception cref="ArgumentException">The reports are not shards of one run.</exception>
    public static ExplorationReport Merge(IReadOnlyList<ExplorationReport> reports) =>
        TryMerge(reports, out var merged, out var error) ? merged! : throw new ArgumentException(error, nameof(reports));

    /// <summary>Writes the report as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ExplorationJson.Options));

    /// <summary>Reads a report; false with a message naming the file and the problem.</summary>
    public static bool TryLoad(string path, out ExplorationReport? report, out string? error)
    {
        report = null;
        error = null;
        try
        {
            report = JsonSerializer.Deserialize<ExplorationReport>(File.ReadAllText(path), ExplorationJson.Options);
            if (report is null) error = $"{path}: empty report";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            error = $"{path}: {ex.Message}";
        }
        return error is null;
    }
}
