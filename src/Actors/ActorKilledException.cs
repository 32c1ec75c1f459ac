namespace MachActors.Actors;

/// <summary>Thrown inside an actor that received <see cref="Kill"/>. Default supervision: stop.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException(string message) : base(message) { }
}
