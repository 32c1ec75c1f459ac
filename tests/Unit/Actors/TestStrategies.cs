using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors;

/// <summary>
/// A fixed-priority strategy for tests that need one particular interleaving: always the ready actor
/// with the highest id (the most recently spawned), never an early timer, false / 0 for choices.
/// </summary>
public sealed class HighestIdFirstStrategy : ISchedulingStrategy
{
    public string Name => "highest-id-first";

    public string Description => Name;

    public ulong Seed => 0;

    public ActorId NextActor(ReadyActors ready) => ready.ToList().MaxBy(id => id.Value);

    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) => false;

    public bool NextBool(ActorId chooser) => false;

    public int NextInt(ActorId chooser, int maxExclusive) => 0;
}

/// <summary>
/// A strategy that breaks its contract on demand: it behaves as a seeded <see cref="RandomStrategy"/>
/// until <see cref="Sabotage"/> names an actor, then answers that actor once, whether or not it is ready.
/// </summary>
public sealed class SabotagingStrategy(ulong seed) : ISchedulingStrategy
{
    private readonly RandomStrategy _inner = new(seed);

    /// <summary>The actor to answer at the next delivery decision (once), or null to behave.</summary>
    public ActorId? Sabotage { get; set; }

    public string Name => "sabotaging";

    public string Description => "sabotaging(seed=" + seed + ")";

    public ulong Seed => seed;

    public ActorId NextActor(ReadyActors ready)
    {
        if (Sabotage is not { } victim) return _inner.NextActor(ready);
        Sabotage = null;
        return victim;
    }

    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) => _inner.FireTimerEarly(timer, ready);

    public bool NextBool(ActorId chooser) => _inner.NextBool(chooser);

    public int NextInt(ActorId chooser, int maxExclusive) => _inner.NextInt(chooser, maxExclusive);
}
