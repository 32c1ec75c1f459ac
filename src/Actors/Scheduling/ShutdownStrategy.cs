namespace MachActors.Actors.Scheduling;

/// <summary>
/// The fixed order the controlled dispatcher uses while <see cref="ActorSystem.Terminate"/> stops
/// every actor: the ready actors in turn (round robin by step, so two actors messaging each other forever
/// cannot keep the guardians from running the stop), no early timers, system messages first, choices false / 0. Shutdown happens after
/// the run under study, so it neither consults the run's strategy (a replay would be exhausted) nor
/// adds decisions to the recorded schedule.
/// </summary>
internal sealed class ShutdownStrategy : ISchedulingStrategy
{
    private int _turn;

    public string Name => "shutdown";

    public string Description => "shutdown";

    public ulong Seed => 0;

    public ActorId NextActor(ReadyActors ready) => ready[(int)((uint)_turn++ % (uint)ready.Count)];

    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) => false;

    public bool SystemMessageFirst(ActorId actor, ReadyActors ready) => true;

    public bool NextBool(ActorId chooser) => false;

    public int NextInt(ActorId chooser, int maxExclusive) => 0;
}
