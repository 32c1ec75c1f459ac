namespace MachActors.Actors;

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidActorNameException(string message) : base(message) { }
}
