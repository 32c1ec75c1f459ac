using System.Globalization;

namespace MachActors.Actors.Scheduling;

/// <summary>
/// The default strategy: uniform choices from a seeded generator, so one seed gives one run, bit for
/// bit. A timer that is already due races with the ready actors as one more contender (chance
/// 1 / (ready + 1)); a timer in the future fires early with <see cref="EarlyTimerProbability"/>
/// (0 by default: clock interrupts then arrive only when the current instant has no more mail). A
/// pending system message goes after a user message with <see cref="UserFirstProbability"/> (0 by
/// default: system messages first, as in Akka.NET).
/// </summary>
public sealed class RandomStrategy : ISchedulingStrategy
{
    private readonly DeterministicRandom _random;

    /// <summary>A random strategy drawing from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="earlyTimerProbability">Chance, per delivery, that a future timer fires before pending mail.</param>
    /// <param name="userFirstProbability">Chance that a user message is handled before a pending system message.</param>
    public RandomStrategy(ulong seed, double earlyTimerProbability = 0, double userFirstProbability = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(earlyTimerProbability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(earlyTimerProbability, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(userFirstProbability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userFirstProbability, 1);
        Seed = seed;
        EarlyTimerProbability = earlyTimerProbability;
        UserFirstProbability = userFirstProbability;
        _random = new DeterministicRandom(seed);
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>Chance that a timer lying in the future fires before the pending mail.</summary>
    public double EarlyTimerProbability { get; }

    /// <summary>Chance that a user message goes before a pending system message.</summary>
    public double UserFirstProbability { get; }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"random(seed={Seed}")
        + (EarlyTimerProbability == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", early-timers={EarlyTimerProbability}"))
        + (UserFirstProbability == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", user-first={UserFirstProbability}"))
        + ")";

    /// <inheritdoc />
    public ActorId NextActor(ReadyActors ready) => ready[ready.Count == 1 ? 0 : _random.Next(ready.Count)];

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready)
    {
        if (timer.IsDue) return _random.Next(ready.Count + 1) == 0;
        return EarlyTimerProbability > 0 && _random.NextDouble() < EarlyTimerProbability;
    }

    /// <inheritdoc />
    public bool SystemMessageFirst(ActorId actor, ReadyActors ready) =>
        UserFirstProbability == 0 || _random.NextDouble() >= UserFirstProbability;

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => _random.NextBool();

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive) => _random.Next(maxExclusive);
}
