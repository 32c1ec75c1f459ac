namespace MachActors.Actors;

/// <summary>Lifecycle state of an <see cref="ActorCell"/>.</summary>
internal enum CellState : byte
{
    /// <summary>Spawned; the instance is made (and PreStart runs) in the cell's first turn.</summary>
    Created,

    /// <summary>Handling system and user messages.</summary>
    Running,

    /// <summary>Failed; only system messages (the supervisor's directive) are handled.</summary>
    Suspended,

    /// <summary>Restarting; waiting for the children it stopped before making a fresh instance.</summary>
    Restarting,

    /// <summary>Stopping; waiting for its children to stop before PostStop.</summary>
    Terminating,

    /// <summary>Gone: every message to it is a dead letter.</summary>
    Terminated,
}
