namespace MachActors.Actors.Timing;

/// <summary>
/// What a keyed timer puts in its owner's mailbox. The owner checks, on delivery, that the timer is
/// still the current one for its key, then hands the actor the timer's message.
/// </summary>
internal sealed class TimerFired(TimerEntry entry)
{
    public TimerEntry Entry { get; } = entry;

    public override string ToString() => $"TimerFired({Entry.Key}: {Entry.Message})";
}
