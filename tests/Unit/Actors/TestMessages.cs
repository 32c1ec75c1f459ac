namespace MachActors.Tests.Unit.Actors;

// Messages shared by the unit tests. Immutable records, so probes compare them by value.

/// <summary>A numbered request; <see cref="EchoActor"/> and <see cref="PingPongActor"/> answer it.</summary>
public sealed record Ping(int N);

/// <summary>The answer to <see cref="Ping"/>.</summary>
public sealed record Pong(int N);

/// <summary>Makes a test actor throw a <see cref="TestException"/> with <paramref name="Reason"/>.</summary>
public sealed record Boom(string Reason = "boom");

/// <summary>Adds one to a test actor's per-instance counter.</summary>
public sealed record Increment;

/// <summary>Asks a test actor for its counter; it replies <see cref="Count"/>.</summary>
public sealed record GetCount;

/// <summary>A counter value.</summary>
public sealed record Count(int Value);

/// <summary>
/// Asks a <see cref="ReportingActor"/> to spawn a reporting child (supervising its own children with
/// <paramref name="Strategy"/> when given); it replies <see cref="ChildSpawned"/>.
/// </summary>
public sealed record SpawnChild(string Tag, string? Name = null, SupervisorStrategy? Strategy = null);

/// <summary>The child spawned for a <see cref="SpawnChild"/>.</summary>
public sealed record ChildSpawned(IActorRef Child);

/// <summary>The lifecycle hooks a <see cref="ReportingActor"/> reports.</summary>
public enum Hook
{
    PreStart,
    PostStop,
    PreRestart,
    PostRestart,
}

/// <summary>A lifecycle hook of the actor tagged <paramref name="Tag"/> ran (Detail: the restart reason or message).</summary>
public sealed record HookCalled(string Tag, Hook Hook, string? Detail = null);

/// <summary>The actor tagged <paramref name="Tag"/> handled <paramref name="Message"/>.</summary>
public sealed record Received(string Tag, object Message);

/// <summary>A plain payload for ordering tests.</summary>
public sealed record Msg(string Text);

/// <summary>A message as an actor saw it, with the virtual time of its delivery (Context.Now).</summary>
public sealed record Stamped(object Message, VirtualTime At);

/// <summary>Tells a <see cref="TimerActor"/> to start a single timer.</summary>
public sealed record StartSingle(object Key, object Message, Duration Delay);

/// <summary>Tells a <see cref="TimerActor"/> to start a periodic timer (first after <paramref name="InitialDelay"/>, default one interval).</summary>
public sealed record StartPeriodic(object Key, object Message, Duration Interval, Duration? InitialDelay = null);

/// <summary>Tells a <see cref="TimerActor"/> to cancel the timer with <paramref name="Key"/>.</summary>
public sealed record CancelTimer(object Key);

/// <summary>Asks a <see cref="TimerActor"/> whether the timer with <paramref name="Key"/> is active; it replies a bool.</summary>
public sealed record IsTimerActive(object Key);
