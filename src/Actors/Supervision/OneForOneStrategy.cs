using MachActors.Actors.Timing;

namespace MachActors.Actors.Supervision;

/// <summary>
/// Applies the decider's directive to the failing child only. Restarts are limited to
/// <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/> of virtual time; past the limit the
/// child is stopped.
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Unlimited restarts, decided by <paramref name="decider"/>.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, Duration.Infinite, decider) { }

    /// <summary>At most <paramref name="maxNrOfRetries"/> restarts per <paramref name="withinTimeRange"/> (negative = unlimited).</summary>
    public OneForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(withinTimeRange.Nanoseconds, nameof(withinTimeRange));
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restart limit per window; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>Length of the restart-counting window.</summary>
    public Duration WithinTimeRange { get; }

    /// <summary>Maps an exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    internal override Directive Decide(ChildRestartStats stats, Exception cause, VirtualTime now)
    {
        var directive = Decider(cause);
        if (directive == Directive.Restart && !stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now))
        {
            return Directive.Stop;
        }
        return directive;
    }
}
