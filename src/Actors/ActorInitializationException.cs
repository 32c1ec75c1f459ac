namespace MachActors.Actors;

/// <summary>An actor's constructor or PreStart threw, or an actor was created with <c>new</c> instead of through Props. Default supervision: stop.</summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException(string message, Exception? inner = null) : base(message, inner) { }
}
