namespace MachActors.Actors;

/// <summary>Stops the receiving actor once it reaches this message; messages queued before it are processed first.</summary>
public sealed record PoisonPill
{
    /// <summary>The one instance.</summary>
    public static readonly PoisonPill Instance = new();

    private PoisonPill() { }
}

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>; its supervisor decides (by default: stop).</summary>
public sealed record Kill
{
    /// <summary>The one instance.</summary>
    public static readonly Kill Instance = new();

    private Kill() { }
}

/// <summary>
/// Received by an actor that watches <paramref name="ActorRef"/> once that actor has stopped. An actor
/// that does not handle it fails with <see cref="DeathPactException"/>.
/// </summary>
/// <param name="ActorRef">The stopped actor.</param>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>Conventional replies for request / response protocols; Ask completes with the value or the exception.</summary>
public static class Status
{
    /// <summary>A successful reply carrying <paramref name="Value"/>.</summary>
    /// <param name="Value">The result.</param>
    public sealed record Success(object? Value);

    /// <summary>A failed reply: Ask's task faults with <paramref name="Cause"/>.</summary>
    /// <param name="Cause">Why the request failed.</param>
    public sealed record Failure(Exception Cause);
}
