namespace MachActors.Actors.Dispatch;

/// <summary>Which dispatcher runs the actors of a system.</summary>
public enum DispatcherKind
{
    /// <summary>
    /// One delivery per step on the thread that calls Run; a scheduling strategy makes every choice
    /// and every choice is recorded. Same seed, same run, bit for bit. For tests, exploration and
    /// reproducible machine runs.
    /// </summary>
    Controlled,

    /// <summary>
    /// Actors run on the .NET thread pool, one turn at a time per actor, a throughput batch per turn.
    /// Fast; its schedules are a subset of the controlled dispatcher's. Virtual time advances when all
    /// actors are quiescent.
    /// </summary>
    Parallel,
}
