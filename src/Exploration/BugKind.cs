namespace MachActors.Exploration;

/// <summary>What an iteration found.</summary>
public enum BugKind
{
    /// <summary>A monitor's assertion or the scenario's final check failed.</summary>
    Safety,

    /// <summary>An actor's handler or lifecycle hook threw.</summary>
    UnhandledException,

    /// <summary>Nothing was left to deliver and no timer pending, while a monitor was hot or work waited forever.</summary>
    Deadlock,

    /// <summary>A monitor stayed hot past the liveness threshold (fair iterations), or the run ended with one hot.</summary>
    Liveness,

    /// <summary>The step bound was reached (a bug only with <see cref="ExplorationOptions.FailOnMaxSteps"/>).</summary>
    MaxSteps,
}
