using MachActors.Actors.Timing;

namespace MachActors.Host.Demo;

/// <summary>One worker's part in the demo.</summary>
/// <param name="Index">1-based worker number; also the amount it adds to the counter per tick.</param>
/// <param name="Interval">Period of its tick timer.</param>
/// <param name="FailAt">The instant whose tick throws a <see cref="WorkerFault"/> (once: time moves on), or null.</param>
/// <param name="Quota">Ticks after which the worker stops itself, or 0 for never.</param>
internal sealed record WorkerSpec(int Index, Duration Interval, VirtualTime? FailAt, int Quota)
{
    /// <summary>The worker's actor name.</summary>
    public string Name => "worker-" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The demo's cast: three workers ticking every 10ms; worker-2 fails once, worker-3 retires.</summary>
internal static class DemoPlan
{
    /// <summary>Tick period of every worker.</summary>
    public static readonly Duration Interval = Duration.FromMilliseconds(10);

    /// <summary>The tick on which worker-2 fails.</summary>
    public const int FailingTick = 3;

    /// <summary>How many ticks worker-3 works before it stops itself.</summary>
    public const int RetiringQuota = 5;

    /// <summary>The workers, in spawn order.</summary>
    public static IReadOnlyList<WorkerSpec> Workers { get; } =
    [
        new(1, Interval, null, 0),
        new(2, Interval, new VirtualTime((Interval * FailingTick).Nanoseconds), 0),
        new(3, Interval, null, RetiringQuota),
    ];
}
