namespace MachActors.Actors.Timing;

/// <summary>
/// Pending timers ordered by (due instant, scheduling order). Cancelled entries are dropped lazily
/// when they reach the front. Locked when the dispatcher is parallel (actors start timers from pool
/// threads); the controlled dispatcher uses it from one thread.
/// </summary>
internal sealed class TimerQueue(bool locked)
{
    private readonly PriorityQueue<TimerEntry, (long Due, long Seq)> _queue = new();
    private long _seq;

    private OptionalLock Guard() => new(locked ? this : null);

    /// <summary>Number of entries, cancelled ones included.</summary>
    public int Count
    {
        get
        {
            using var guard = Guard();
            return _queue.Count;
        }
    }

    /// <summary>Schedules <paramref name="entry"/> at its Due instant, after every entry already due then.</summary>
    public void Add(TimerEntry entry)
    {
        using var guard = Guard();
        entry.Seq = _seq++;
        _queue.Enqueue(entry, (entry.Due, entry.Seq));
    }

    /// <summary>The due instant of the earliest live timer, if any.</summary>
    public bool TryPeekDue(out long due)
    {
        using var guard = Guard();
        while (_queue.TryPeek(out var e, out var p))
        {
            if (!e.Cancelled)
            {
                due = p.Due;
                return true;
            }
            _queue.Dequeue();
        }
        due = 0;
        return false;
    }

    /// <summary>Removes and returns the earliest live timer if it is due at or before <paramref name="instant"/>.</summary>
    public bool TryDequeueDue(long instant, out TimerEntry entry)
    {
        using var guard = Guard();
        while (_queue.TryPeek(out var e, out var p))
        {
            if (e.Cancelled)
            {
                _queue.Dequeue();
                continue;
            }
            if (p.Due > instant) break;
            entry = _queue.Dequeue();
            return true;
        }
        entry = null!;
        return false;
    }
}
