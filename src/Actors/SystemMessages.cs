namespace MachActors.Actors;

/// <summary>
/// Runtime-internal messages between cells (lifecycle, supervision, death watch). They travel in a
/// separate queue that is processed before user messages, and are never dead letters.
/// </summary>
internal abstract record SystemMessage;

/// <summary>Stop the receiving actor (after its children).</summary>
internal sealed record TerminateSelf : SystemMessage
{
    public static readonly TerminateSelf Instance = new();
}

/// <summary><paramref name="Watcher"/> wants a notification when the receiver stops.</summary>
internal sealed record Watch(ActorCell Watcher) : SystemMessage;

/// <summary><paramref name="Watcher"/> no longer wants a notification.</summary>
internal sealed record Unwatch(ActorCell Watcher) : SystemMessage;

/// <summary>The watched <paramref name="Actor"/> has stopped.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor) : SystemMessage;

/// <summary>The child <paramref name="Child"/> has finished stopping; its name is free again.</summary>
internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;

/// <summary>
/// The child <paramref name="Child"/> failed with <paramref name="Cause"/> while handling
/// <paramref name="Message"/> and is suspended awaiting a directive. <paramref name="Origin"/> is the
/// actor where the failure first happened (differs from Child after an escalation).
/// </summary>
internal sealed record Failed(ActorCell Child, Exception Cause, object? Message, ActorCell Origin) : SystemMessage
{
    public override string ToString() => $"Failed({Child}, {Cause.GetType().Name}: {Cause.Message}, origin {Origin})";
}

/// <summary>Continue after a failure, dropping the failing message.</summary>
internal sealed record Resume : SystemMessage
{
    public static readonly Resume Instance = new();
}

/// <summary>Restart after failing with <paramref name="Cause"/> on <paramref name="Message"/>.</summary>
internal sealed record Recreate(Exception Cause, object? Message) : SystemMessage
{
    public override string ToString() => $"Recreate({Cause.GetType().Name}: {Cause.Message})";
}
