namespace MachActors.Actors;

/// <summary>
/// The temporary sender of an Ask: the first message told to it completes the Ask; any later one is
/// a dead letter. Not an actor (no mailbox, no scheduling step).
/// </summary>
internal sealed class PromiseActorRef(ActorSystem system, IActorRef target) : ActorRefBase
{
    private static readonly ActorPath TempPath = ActorPath.Root.Child("temp");
    private static readonly object Expired = new();
    private object? _outcome;

    internal override ActorSystem System { get; } = system;

    /// <inheritdoc />
    public override ActorId Id => new(-2);

    /// <inheritdoc />
    public override ActorPath Path => TempPath.Child("ask-" + target.Path.Name);

    /// <summary>True once a reply arrived or the Ask expired.</summary>
    internal bool IsCompleted => Volatile.Read(ref _outcome) is not null;

    /// <summary>The reply, or null when there is none (yet, or ever).</summary>
    internal object? Reply => Volatile.Read(ref _outcome) is { } o && !ReferenceEquals(o, Expired) ? o : null;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (System.Tracer is { } t) System.TraceSend(t, Id.Value, message);
        // Inside a parallel handler the reply waits for the handler's other sends (see Outbox).
        if (System.Parallel?.TryDeferReply(this, message, sender) == true) return;
        Complete(message, sender);
    }

    /// <summary>Completes the Ask with <paramref name="message"/> and wakes the driver; a second reply is a dead letter.</summary>
    internal void Complete(object message, IActorRef? sender)
    {
        if (Interlocked.CompareExchange(ref _outcome, message, null) is not null)
        {
            System.DeadLetter(message, sender ?? System.DeadLetters, this);
            return;
        }
        System.Dispatcher.Wake();
    }

    /// <summary>Completes the promise without a reply (the Ask timed out); later replies are dead letters.</summary>
    internal bool TryExpire() => Interlocked.CompareExchange(ref _outcome, Expired, null) is null;
}
