using MachActors.Actors.Timing;

namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// The processes sleeping in nanosleep, by virtual deadline, without a machine: the server adds a sleep
/// (<see cref="Add"/>), receives on its port set with a timeout up to <see cref="NextDeadline"/>, and
/// answers the sleeps <see cref="Due"/> then; a caught signal or the process's end takes one out early
/// (<see cref="Cancel"/>, with the time it had left). Sleeps with the same deadline end in the order they
/// began. Plain state: nothing here waits.
/// </summary>
public sealed class SleepQueue
{
    private readonly SortedSet<(VirtualTime Deadline, long Token)> _byDeadline = [];
    private readonly Dictionary<long, VirtualTime> _byToken = [];

    /// <summary>How many sleeps are waiting.</summary>
    public int Count => _byToken.Count;

    /// <summary>The earliest deadline, or null when no one sleeps.</summary>
    public VirtualTime? NextDeadline => _byDeadline.Count == 0 ? null : _byDeadline.Min.Deadline;

    /// <summary>A sleep <paramref name="token"/> (tokens rise, so equal deadlines end in order) that ends at <paramref name="deadline"/>.</summary>
    public void Add(long token, VirtualTime deadline)
    {
        if (!_byToken.TryAdd(token, deadline)) return;
        _byDeadline.Add((deadline, token));
    }

    /// <summary>The sleeps whose deadline is at or before <paramref name="now"/>, earliest first, taken out.</summary>
    public IReadOnlyList<long> Due(VirtualTime now)
    {
        var due = new List<long>();
        while (_byDeadline.Count > 0 && _byDeadline.Min is var first && first.Deadline <= now)
        {
            _byDeadline.Remove(first);
            _byToken.Remove(first.Token);
            due.Add(first.Token);
        }
        return due;
    }

    /// <summary>Takes sleep <paramref name="token"/> out before its deadline: the time it had left at <paramref name="now"/> (zero when already due), or null when it is not here.</summary>
    public Duration? Cancel(long token, VirtualTime now)
    {
        if (!_byToken.Remove(token, out var deadline)) return null;
        _byDeadline.Remove((deadline, token));
        return deadline > now ? deadline - now : Duration.Zero;
    }
}
