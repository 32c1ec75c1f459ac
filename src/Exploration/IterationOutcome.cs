namespace MachActors.Exploration;

/// <summary>How an iteration ended.</summary>
public enum IterationOutcome
{
    /// <summary>The scenario ended (done, or nothing left to happen) and every check held.</summary>
    Passed,

    /// <summary>A bug was found.</summary>
    Bug,

    /// <summary>The step bound or the scenario's virtual-time limit was reached first (not a bug by default).</summary>
    BoundReached,
}
