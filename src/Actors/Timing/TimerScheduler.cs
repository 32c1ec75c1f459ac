namespace MachActors.Actors.Timing;

/// <summary>
/// One actor's keyed timers (<see cref="ITimerScheduler"/>). Used only from the owner's turn.
/// </summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private readonly Dictionary<object, TimerEntry> _timers = [];

    /// <inheritdoc />
    public void StartSingleTimer(object key, object message, Duration delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Nanoseconds, nameof(delay));
        Start(key, message, delay, 0);
    }

    /// <inheritdoc />
    public void StartPeriodicTimer(object key, object message, Duration interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    /// <inheritdoc />
    public void StartPeriodicTimer(object key, object message, Duration initialDelay, Duration interval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialDelay.Nanoseconds, nameof(initialDelay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval.Nanoseconds, nameof(interval));
        Start(key, message, initialDelay, interval.Nanoseconds);
    }

    /// <inheritdoc />
    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    /// <inheritdoc />
    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var entry)) entry.Cancelled = true;
    }

    /// <inheritdoc />
    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Cancelled = true;
        _timers.Clear();
    }

    private void Start(object key, object message, Duration delay, long period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var entry = new TimerEntry(owner.SelfRef, owner, key, message, null, (owner.Sys.Now + delay).Nanoseconds, period);
        _timers[key] = entry;
        owner.Sys.TimerQueue.Add(entry);
    }

    /// <summary>
    /// A <see cref="TimerFired"/> reached the head of the mailbox: returns the timer's message when
    /// the timer is still the current one for its key (a single timer then stops being active), or
    /// null when it was cancelled or replaced meanwhile.
    /// </summary>
    public object? Accept(TimerFired fired)
    {
        var entry = fired.Entry;
        if (entry.Cancelled || !_timers.TryGetValue(entry.Key!, out var current) || !ReferenceEquals(current, entry)) return null;
        if (entry.Period == 0) _timers.Remove(entry.Key!);
        return entry.Message;
    }
}
