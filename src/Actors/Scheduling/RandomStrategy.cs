using System.Globalization;

namespace MachActors.Actors.Scheduling;

/// <summary>
/// The default strategy: uniform choices from a seeded generator, so one seed gives one run, bit for
/// bit. A timer that is already due races with the ready actors as one more contender (chance
/// 1 / (ready + 1)); a timer in the future fires early with <see cref="EarlyTimerProbability"/>
/// (0 by default: clock interrupts then arrive only when the current instant has no more mail).
/// </summary>
public sealed class RandomStrategy : ISchedulingStrategy
{
    private readonly DeterministicRandom _random;

    /// <summary>A random strategy drawing from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="earlyTimerProbability">Chance, per delivery, that a future timer fires before pending mail.</param>
    public RandomStrategy(ulong seed, double earlyTimerProbability = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(earlyTimerProbability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(earlyTimerProbability, 1);
        Seed = seed;
        EarlyTimerProbability = earlyTimerProbability;
        _random = new DeterministicRandom(seed);
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>Chance that a timer lying in the future fires before the pending mail.</summary>
    public double EarlyTimerProbability { get; }

    /// <inheritdoc />
    public string Description => EarlyTimerProbability == 0
        ? string.Create(CultureInfo.InvariantCulture, $"random(seed={Seed})")
        : string.Create(CultureInfo.InvariantCulture, $"random(seed={Seed}, early-timers={EarlyTimerProbability})");

    /// <inheritdoc />
    public ActorId NextActor(ReadyActors ready) => ready[ready.Count == 1 ? 0 : _random.Next(ready.Count)];

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready)
    {
        if (timer.IsDue) return _random.Next(ready.Count + 1) == 0;
        return EarlyTimerProbability > 0 && _random.NextDouble() < EarlyTimerProbability;
    }

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => _random.NextBool();

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive) => _random.Next(maxExclusive);
}
