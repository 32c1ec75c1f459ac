namespace MachActors.Actors.Scheduling;

/// <summary>
/// Decides every nondeterministic choice of the controlled dispatcher: which ready actor receives
/// its next message, whether a pending timer fires before more mail, whether a pending system
/// message goes before a user message, and the answers to Context.ChooseBool / ChooseInt. The dispatcher records every answer, so any strategy's run can
/// be replayed with <see cref="ReplayStrategy"/>.
/// A strategy is used by one actor system at a time, on one thread; it needs no locking.
/// </summary>
public interface ISchedulingStrategy
{
    /// <summary>Short name, e.g. "random" or "replay".</summary>
    string Name { get; }

    /// <summary>Name plus parameters and seed, enough to reproduce the run, e.g. "random(seed=42)".</summary>
    string Description { get; }

    /// <summary>The seed the strategy draws from (0 for strategies that draw nothing).</summary>
    ulong Seed { get; }

    /// <summary>
    /// Picks the actor that processes its next message.
    /// Preconditions: <paramref name="ready"/> holds at least one actor.
    /// Returns: the id of one of <paramref name="ready"/>; returning any other id makes the run fail
    /// with <see cref="SchedulingException"/>.
    /// </summary>
    ActorId NextActor(ReadyActors ready);

    /// <summary>
    /// Asked before each delivery while a timer is pending: true fires the earliest timer now
    /// (advancing the clock to it if it lies in the future), false delivers mail first.
    /// </summary>
    bool FireTimerEarly(TimerPoint timer, ReadyActors ready);

    /// <summary>
    /// Asked when the chosen actor has both a system message (stop, supervision, death watch) and a
    /// user message it could handle: true handles the system message first (Akka.NET's order, and
    /// the default), false handles the user message first, as if the system message had arrived a
    /// moment later. The parallel dispatcher produces both orders when the two race, so exploration
    /// must be able to as well.
    /// </summary>
    bool SystemMessageFirst(ActorId actor, ReadyActors ready) => true;

    /// <summary>Answers Context.ChooseBool for actor <paramref name="chooser"/>.</summary>
    bool NextBool(ActorId chooser);

    /// <summary>Answers Context.ChooseInt: a value in [0, <paramref name="maxExclusive"/>).</summary>
    int NextInt(ActorId chooser, int maxExclusive);
}
