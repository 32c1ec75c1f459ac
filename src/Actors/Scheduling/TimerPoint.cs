using MachActors.Actors.Timing;

namespace MachActors.Actors.Scheduling;

/// <summary>
/// What a strategy sees when asked whether the earliest pending timer should fire before more mail
/// is delivered: its due instant and the current instant. A timer with <see cref="IsDue"/> is racing
/// with mail at the current instant; one in the future would fire early (the clock jumps to it and
/// the pending mail is delivered later, as if the messages had been slow).
/// </summary>
/// <param name="Due">When the timer is due.</param>
/// <param name="Now">The current instant.</param>
public readonly record struct TimerPoint(VirtualTime Due, VirtualTime Now)
{
    /// <summary>True when the timer is due at or before the current instant.</summary>
    public bool IsDue => Due <= Now;
}
