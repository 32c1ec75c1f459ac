namespace MachActors.Exploration;

/// <summary>What replaying a schedule file gave.</summary>
/// <param name="Result">The replayed iteration.</param>
/// <param name="Log">Every trace event of the replay, one line each (the readable log).</param>
/// <param name="DecisionsUsed">Decisions the replay consumed.</param>
/// <param name="DecisionCount">Decisions the schedule holds.</param>
/// <param name="Divergence">Why the replay left the recorded schedule, or null.</param>
public sealed record ReplayResult(IterationResult Result, IReadOnlyList<string> Log, int DecisionsUsed, int DecisionCount, string? Divergence)
{
    /// <summary>The replay followed every decision and found <paramref name="expected"/> again.</summary>
    public bool Reproduces(Bug expected) => Divergence is null && DecisionsUsed == DecisionCount && Result.Bug == expected;
}
