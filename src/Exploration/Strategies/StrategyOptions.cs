namespace MachActors.Exploration.Strategies;

/// <summary>What <see cref="StrategyFactory"/> needs to make a strategy source by name.</summary>
public sealed record StrategyOptions
{
    /// <summary>random, pct, fair-pct, dfs or portfolio.</summary>
    public string Name { get; init; } = "random";

    /// <summary>PCT's bug depth d (d - 1 change points). Default 3.</summary>
    public int Depth { get; init; } = 3;

    /// <summary>PCT's K; null: measured by a calibration run.</summary>
    public long? StepEstimate { get; init; }

    /// <summary>Fair PCT: decisions made by PCT before the random suffix. Default 10,000 (Coyote's unfair bound).</summary>
    public long UnfairSteps { get; init; } = 10_000;

    /// <summary>DFS: choice points branched on per run. Default 64.</summary>
    public int DfsDepth { get; init; } = 64;

    /// <summary>Chance per decision that a future timer fires before pending mail (DFS: any value above 0 makes it a choice). Default 0.</summary>
    public double EarlyTimers { get; init; }
}
