namespace MachActors.Exploration;

/// <summary>Progress of a run, reported after each iteration.</summary>
/// <param name="Done">Iterations finished.</param>
/// <param name="Total">Iterations of this shard in the budget.</param>
/// <param name="Bugs">Bugs found so far.</param>
public readonly record struct ExplorationProgress(long Done, long Total, int Bugs);
