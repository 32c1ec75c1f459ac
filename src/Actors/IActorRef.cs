namespace MachActors.Actors;

/// <summary>
/// The handle through which an actor is reached. Refs are cheap, immutable and comparable (by id);
/// a ref stays valid after its actor stops, and messages told to it then become dead letters.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's id, unique within its system.</summary>
    ActorId Id { get; }

    /// <summary>The actor's place in the hierarchy, e.g. /user/parent/child.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> asynchronously. Never blocks and never throws for a stopped
    /// target (the message becomes a dead letter). Messages from one sender to one target arrive in
    /// the order sent.
    /// </summary>
    /// <param name="message">An immutable message (a sealed record, by convention).</param>
    /// <param name="sender">The sender seen by the target as Context.Sender; null means nobody (dead letters).</param>
    void Tell(object message, IActorRef? sender);
}
