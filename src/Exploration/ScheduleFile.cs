using System.Text.Json;
using MachActors.Actors.Scheduling;

namespace MachActors.Exploration;

/// <summary>
/// A found bug's schedule, as written to disk (JSON): the scenario, the strategy and its parameters,
/// the run and iteration seeds, the bounds the iteration ran with, the bug, and every decision in
/// order. <c>machactors replay FILE</c> (<see cref="Explorer.Replay"/>) reproduces the run from it.
/// </summary>
public sealed record ScheduleFile
{
    /// <summary>The format's name and version.</summary>
    public const string CurrentFormat = "machactors-schedule/1";

    /// <summary>Always <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The scenario's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>The strategy's name (random, pct, ...).</summary>
    public required string Strategy { get; init; }

    /// <summary>The iteration strategy's full description (with its change points, K, ...).</summary>
    public required string StrategyDescription { get; init; }

    /// <summary>The run seed.</summary>
    public ulong RunSeed { get; init; }

    /// <summary>The iteration's index.</summary>
    public long Iteration { get; init; }

    /// <summary>The iteration's seed.</summary>
    public ulong IterationSeed { get; init; }

    /// <summary>Whether the iteration was fair (liveness judged, the fair step bound).</summary>
    public bool Fair { get; init; }

    /// <summary>The step bound the iteration ran with.</summary>
    public long MaxSteps { get; init; }

    /// <summary>The liveness threshold it ran with.</summary>
    public long LivenessThreshold { get; init; }

    /// <summary>Whether reaching the bound was a bug.</summary>
    public bool FailOnMaxSteps { get; init; }

    /// <summary>The scenario parameters.</summary>
    public Dictionary<string, string> Parameters { get; init; } = [];

    /// <summary>The bug found.</summary>
    public required Bug Bug { get; init; }

    /// <summary>How many decisions follow.</summary>
    public int DecisionCount { get; init; }

    /// <summary>Every decision, in the compact form of <see cref="Schedule.DecisionsText"/>.</summary>
    public required string Decisions { get; init; }

    /// <summary>The schedule to replay.</summary>
    public Schedule ToSchedule() => new(StrategyDescription, IterationSeed, Schedule.ParseDecisions(Decisions));

    /// <summary>The options an exact replay needs (bounds, threshold, parameters; one iteration).</summary>
    public ExplorationOptions ToOptions() => new()
    {
        Iterations = 1,
        Seed = RunSeed,
        MaxSteps = MaxSteps,
        MaxFairSteps = MaxSteps,
        LivenessThreshold = LivenessThreshold,
        FailOnMaxSteps = FailOnMaxSteps,
        Parameters = Parameters,
    };

    /// <summary>Writes the file (indented JSON).</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ExplorationJson.Options));

    /// <summary>
    /// Reads a schedule file; false with a message naming the file and the problem when it is missing,
    /// not JSON, of another format, or its decisions do not parse.
    /// </summary>
    public static bool TryLoad(string path, out ScheduleFile? file, out string? error)
    {
        file = null;
        error = null;
        try
        {
            file = JsonSerializer.Deserialize<ScheduleFile>(File.ReadAllText(path), ExplorationJson.Options);
            if (file is null) error = $"{path}: empty schedule file";
            else if (file.Format != CurrentFormat) error = $"{path}: format '{file.Format}', expected '{CurrentFormat}'";
            else _ = Schedule.ParseDecisions(file.Decisions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or NotSupportedException)
        {
            error = $"{path}: {ex.Message}";
        }
        if (error is not null) file = null;
        return error is null;
    }
}
