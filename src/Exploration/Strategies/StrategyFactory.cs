namespace MachActors.Exploration.Strategies;

/// <summary>Strategy sources by name (the CLI's <c>--strategy</c>).</summary>
public static class StrategyFactory
{
    /// <summary>The names <see cref="Create"/> knows, with a line each.</summary>
    public static IReadOnlyList<(string Name, string Summary)> Known { get; } =
    [
        ("random", "uniform choices; fair"),
        ("pct", "probabilistic concurrency testing with bug depth d (--depth); not fair"),
        ("fair-pct", "PCT for the first unfair-steps decisions, then random; fair"),
        ("dfs", "bounded depth-first search over every choice; sequential; says when exhausted"),
        ("portfolio", "random, pct and fair-pct in turn, one per iteration"),
    ];

    /// <summary>
    /// The source named by <paramref name="options"/>. Returns false with a message naming the known
    /// strategies for an unknown name, and with the rule broken for a bad parameter.
    /// </summary>
    public static bool TryCreate(StrategyOptions options, out StrategySource? source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        source = null;
        error = Validate(options);
        if (error is not null) return false;
        source = options.Name switch
        {
            "random" => new RandomSource(options.EarlyTimers),
            "pct" => new PctSource(options.Depth, options.EarlyTimers),
            "fair-pct" => new FairPctSource(options.Depth, options.UnfairSteps, options.EarlyTimers),
            "dfs" => new DfsSource(options.DfsDepth, options.EarlyTimers > 0),
            "portfolio" => new PortfolioSource(options.Depth, options.UnfairSteps, options.EarlyTimers),
            _ => null,
        };
        if (source is null)
        {
            error = $"unknown strategy '{options.Name}'; known: {string.Join(", ", Known.Select(k => k.Name))}";
            return false;
        }
        if (options.StepEstimate is { } k) source.StepEstimate = k;
        return true;
    }

    /// <summary>As <see cref="TryCreate"/>, throwing for bad options.</summary>
    /// <exception cref="ArgumentException">Unknown name or bad parameter.</exception>
    public static StrategySource Create(StrategyOptions options) =>
        TryCreate(options, out var source, out var error) ? source! : throw new ArgumentException(error, nameof(options));

    private static string? Validate(StrategyOptions o)
    {
        if (o.Depth < 1) return "--depth must be at least 1";
        if (o.StepEstimate is < 0) return "the step estimate must not be negative";
        if (o.UnfairSteps < 0) return "unfair steps must not be negative";
        if (o.DfsDepth < 0) return "the DFS depth must not be negative";
        if (o.EarlyTimers is < 0 or > 1 || double.IsNaN(o.EarlyTimers)) return "--early-timers must be a probability in [0, 1]";
        return null;
    }
}
