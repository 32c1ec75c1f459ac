namespace MachActors.Actors;

/// <summary>The ref of an actor hosted by an <see cref="ActorCell"/> of this process.</summary>
internal sealed class LocalActorRef(ActorCell cell) : ActorRefBase
{
    internal ActorCell Cell { get; } = cell;

    internal override ActorSystem System => Cell.Sys;

    /// <inheritdoc />
    public override ActorId Id => new(Cell.Id);

    /// <inheritdoc />
    public override ActorPath Path => Cell.ComputePath();

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sys = Cell.Sys;
        sys.Dispatcher.Post(Cell, message, sender ?? sys.DeadLetters);
    }
}
