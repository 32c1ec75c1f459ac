using System.Globalization;

namespace MachActors.Actors.Timing;

/// <summary>
/// A span of virtual time with nanosecond resolution. <see cref="TimeSpan"/> converts implicitly
/// (its 100 ns ticks are exact), so APIs that take a <see cref="Duration"/> accept either.
/// </summary>
public readonly record struct Duration(long Nanoseconds) : IComparable<Duration>
{
    /// <summary>No time at all.</summary>
    public static readonly Duration Zero = new(0);

    /// <summary>The largest representable span; used as "no bound".</summary>
    public static readonly Duration Infinite = new(long.MaxValue);

    /// <summary>A span of <paramref name="n"/> nanoseconds.</summary>
    public static Duration FromNanoseconds(long n) => new(n);

    /// <summary>A span of <paramref name="n"/> microseconds.</summary>
    public static Duration FromMicroseconds(long n) => new(checked(n * 1_000));

    /// <summary>A span of <paramref name="n"/> milliseconds.</summary>
    public static Duration FromMilliseconds(long n) => new(checked(n * 1_000_000));

    /// <summary>A span of <paramref name="n"/> seconds.</summary>
    public static Duration FromSeconds(long n) => new(checked(n * 1_000_000_000));

    /// <summary>Exact conversion from a <see cref="TimeSpan"/> (one tick is 100 ns).</summary>
    public static implicit operator Duration(TimeSpan span) => new(checked(span.Ticks * 100));

    /// <summary>The same span as a <see cref="TimeSpan"/>, truncated to 100 ns ticks.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <summary>Sum of two spans, saturating at <see cref="Infinite"/>.</summary>
    public static Duration operator +(Duration a, Duration b) =>
        new(a.Nanoseconds > long.MaxValue - b.Nanoseconds ? long.MaxValue : a.Nanoseconds + b.Nanoseconds);

    /// <summary>Difference of two spans.</summary>
    public static Duration operator -(Duration a, Duration b) => new(a.Nanoseconds - b.Nanoseconds);

    /// <summary>A span scaled by an integer factor.</summary>
    public static Duration operator *(Duration a, long factor) => new(checked(a.Nanoseconds * factor));

    /// <summary>Ordering.</summary>
    public static bool operator <(Duration a, Duration b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >(Duration a, Duration b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Duration a, Duration b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Duration a, Duration b) => a.Nanoseconds >= b.Nanoseconds;

    /// <inheritdoc />
    public int CompareTo(Duration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Human-readable form in the largest unit that keeps it exact, e.g. "1.5ms", "40ns".</summary>
    public override string ToString() => Format(Nanoseconds);

    internal static string Format(long ns)
    {
        if (ns == long.MaxValue) return "infinite";
        var inv = CultureInfo.InvariantCulture;
        var abs = Math.Abs(ns);
        if (abs >= 1_000_000_000) return (ns / 1e9).ToString("0.#########", inv) + "s";
        if (abs >= 1_000_000) return (ns / 1e6).ToString("0.######", inv) + "ms";
        if (abs >= 1_000) return (ns / 1e3).ToString("0.###", inv) + "us";
        return ns.ToString(inv) + "ns";
    }
}
