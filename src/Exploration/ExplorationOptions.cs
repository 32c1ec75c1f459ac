namespace MachActors.Exploration;

/// <summary>The budget and bounds of one exploration run.</summary>
public sealed record ExplorationOptions
{
    /// <summary>Iterations to run (of the whole run; a shard runs its slice). Default 100.</summary>
    public long Iterations { get; init; } = 100;

    /// <summary>Wall-clock budget of the host (never seen by actors): no new iteration starts after it. Default: none.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The run seed; iteration i draws from Derive(Seed, i). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Step bound of an unfair iteration (Coyote's MaxUnfairSchedulingSteps). Default 10,000.</summary>
    public long MaxSteps { get; init; } = 10_000;

    /// <summary>Step bound of a fair iteration. Default: 10 x <see cref="MaxSteps"/>, as Coyote.</summary>
    public long? MaxFairSteps { get; init; }

    /// <summary>Steps a monitor may stay hot in a fair iteration. Default: half the fair bound, as Coyote; 0 turns the check off.</summary>
    public long? LivenessThreshold { get; init; }

    /// <summary>Iterations run at once (each on its own system). Default: one per core. DFS always runs one at a time.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The slice of the iterations to run. Default: all.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Stop at the first bug (the one of the lowest iteration index). Default true.</summary>
    public bool StopAtFirstBug { get; init; } = true;

    /// <summary>Report reaching the step bound as a bug. Default false.</summary>
    public bool FailOnMaxSteps { get; init; }

    /// <summary>Where schedule files and logs of bugs go; null writes none. Default null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Scenario parameters (for example <c>pager</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The fair step bound in effect.</summary>
    public long FairBound => MaxFairSteps ?? checked(MaxSteps * 10);

    /// <summary>The liveness threshold in effect.</summary>
    public long Threshold => LivenessThreshold ?? FairBound / 2;

    /// <summary>A rule the options break, or null.</summary>
    public string? Validate()
    {
        if (Iterations < 1) return "--iterations must be at least 1";
        if (MaxSteps < 1) return "--max-steps must be at least 1";
        if (MaxFairSteps is < 1) return "the fair step bound must be at least 1";
        if (LivenessThreshold is < 0) return "the liveness threshold must not be negative";
        if (Parallelism < 1) return "parallelism must be at least 1";
        if (TimeBudget is { } t && t <= TimeSpan.Zero) return "the time budget must be positive";
        if (Shard.Count < 1 || Shard.Index < 1 || Shard.Index > Shard.Count) return "the shard must be K/N with 1 <= K <= N";
        return null;
    }
}
