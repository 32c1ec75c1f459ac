namespace MachActors.Exploration.Strategies;

/// <summary>One choice point on the depth-first search's path: the option taken and how many there were.</summary>
/// <param name="Taken">The option taken in the current iteration.</param>
/// <param name="Options">How many options the point had.</param>
internal readonly record struct DfsChoice(int Taken, int Options);
