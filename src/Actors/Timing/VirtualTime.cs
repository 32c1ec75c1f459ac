namespace MachActors.Actors.Timing;

/// <summary>
/// An instant on the simulated clock: nanoseconds since the actor system booted. Virtual time
/// moves only when the dispatcher advances it (discrete-event simulation), never with the wall clock.
/// </summary>
public readonly record struct VirtualTime(long Nanoseconds) : IComparable<VirtualTime>
{
    /// <summary>The boot instant.</summary>
    public static readonly VirtualTime Zero = new(0);

    /// <summary>An instant after every reachable instant; used as "no deadline".</summary>
    public static readonly VirtualTime Never = new(long.MaxValue);

    /// <summary>The instant <paramref name="d"/> after <paramref name="t"/>, saturating at <see cref="Never"/>.</summary>
    public static VirtualTime operator +(VirtualTime t, Duration d) =>
        new(d.Nanoseconds > long.MaxValue - t.Nanoseconds ? long.MaxValue : t.Nanoseconds + d.Nanoseconds);

    /// <summary>The span between two instants.</summary>
    public static Duration operator -(VirtualTime a, VirtualTime b) => new(a.Nanoseconds - b.Nanoseconds);

    /// <summary>Ordering.</summary>
    public static bool operator <(VirtualTime a, VirtualTime b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >(VirtualTime a, VirtualTime b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator <=(VirtualTime a, VirtualTime b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >=(VirtualTime a, VirtualTime b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>The span since boot.</summary>
    public Duration SinceBoot => new(Nanoseconds);

    /// <inheritdoc />
    public int CompareTo(VirtualTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>"t=1.5ms" style.</summary>
    public override string ToString() => "t=" + Duration.Format(Nanoseconds);
}
