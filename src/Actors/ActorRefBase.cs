namespace MachActors.Actors;

/// <summary>
/// Common base of the runtime's refs: each knows its system (so Ask can drive it). Equality is
/// identity (one ref object per actor); the hash is the id, so hash-based collections of refs iterate
/// in the same order in every run.
/// </summary>
internal abstract class ActorRefBase : IActorRef
{
    internal abstract ActorSystem System { get; }

    /// <inheritdoc />
    public abstract ActorId Id { get; }

    /// <inheritdoc />
    public abstract ActorPath Path { get; }

    /// <inheritdoc />
    public abstract void Tell(object message, IActorRef? sender);

    /// <inheritdoc />
    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => Id.Value;

    /// <summary>The path.</summary>
    public override string ToString() => Path.ToString();
}
