using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Scheduling;

namespace MachActors.Exploration.Strategies;

/// <summary>
/// Coyote's fair prioritization: <see cref="PctStrategy"/> for the first <see cref="UnfairSteps"/>
/// decisions, then uniform random choices (as <see cref="RandomStrategy"/>), so no actor starves and
/// liveness can be judged. Both parts draw from generators derived from one seed.
/// </summary>
public sealed class FairPctStrategy : ISchedulingStrategy
{
    private readonly PctStrategy _prefix;
    private readonly RandomStrategy _suffix;

    /// <summary>PCT up to <paramref name="unfairSteps"/> decisions, then random; see <see cref="PctStrategy"/> for the rest.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="depth">The bug depth d.</param>
    /// <param name="stepEstimate">K for the PCT prefix.</param>
    /// <param name="unfairSteps">Decisions made by PCT before the random suffix.</param>
    /// <param name="earlyTimerProbability">Chance that a future timer fires before pending mail.</param>
    public FairPctStrategy(ulong seed, int depth, long stepEstimate, long unfairSteps, double earlyTimerProbability = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unfairSteps);
        Seed = seed;
        UnfairSteps = unfairSteps;
        _prefix = new PctStrategy(DeterministicRandom.Derive(seed, 1), depth, stepEstimate, earlyTimerProbability);
        _suffix = new RandomStrategy(DeterministicRandom.Derive(seed, 2), earlyTimerProbability);
    }

    /// <inheritdoc />
    public string Name => "fair-pct";

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>Decisions left to PCT before the random suffix.</summary>
    public long UnfairSteps { get; }

    /// <summary>The PCT prefix (its change points and counted steps).</summary>
    public PctStrategy Prefix => _prefix;

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"fair-pct(seed={Seed}, unfair-steps={UnfairSteps}, prefix={_prefix.Description})");

    /// <summary>PCT's choice while fewer than <see cref="UnfairSteps"/> decisions were taken, else a uniform one.</summary>
    public ActorId NextActor(ReadyActors ready) => ready.Step < UnfairSteps ? _prefix.NextActor(ready) : _suffix.NextActor(ready);

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) =>
        ready.Step < UnfairSteps ? _prefix.FireTimerEarly(timer, ready) : _suffix.FireTimerEarly(timer, ready);

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => _suffix.NextBool(chooser);

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive) => _suffix.NextInt(chooser, maxExclusive);
}
