namespace MachActors.Actors.Timing;

/// <summary>
/// One pending timer in the system's <see cref="TimerQueue"/>: either an actor's keyed timer
/// (<see cref="Owner"/> set; fires as a <see cref="TimerFired"/> to the owner) or a host-scheduled
/// tell (fires as a plain Tell to <see cref="Target"/>).
/// </summary>
internal sealed class TimerEntry(
    IActorRef target, ActorCell? owner, object? key, object message, IActorRef? sender, long due, long period)
{
    public IActorRef Target { get; } = target;

    public ActorCell? Owner { get; } = owner;

    public object? Key { get; } = key;

    public object Message { get; } = message;

    public IActorRef? Sender { get; } = sender;

    /// <summary>Repeat interval in nanoseconds; 0 for a single timer.</summary>
    public long Period { get; } = period;

    /// <summary>Due instant in nanoseconds; advanced by <see cref="Period"/> each time a periodic timer fires.</summary>
    public long Due { get; set; } = due;

    /// <summary>Tie-breaker among timers due at the same instant: order of scheduling.</summary>
    public long Seq { get; set; }

    /// <summary>Set by Cancel; the queue drops cancelled entries and the owner ignores their queued messages.</summary>
    public bool Cancelled { get; set; }

    public override string ToString() => Key is null ? $"timer({Message})" : $"timer({Key})";
}
