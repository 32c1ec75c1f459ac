namespace MachActors.Actors;

/// <summary>The dead-letters ref: everything told to it is counted and published as a dead letter.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : ActorRefBase
{
    private static readonly ActorPath DeadLettersPath = ActorPath.Root.Child("deadLetters");

    internal override ActorSystem System { get; } = system;

    /// <inheritdoc />
    public override ActorId Id => new(-1);

    /// <inheritdoc />
    public override ActorPath Path => DeadLettersPath;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (System.Tracer is { } t) System.TraceSend(t, Id.Value, message);
        System.DeadLetter(message, sender ?? this, this);
    }
}
