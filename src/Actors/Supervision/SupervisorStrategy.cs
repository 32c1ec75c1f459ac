using MachActors.Actors.Timing;

namespace MachActors.Actors.Supervision;

/// <summary>
/// How a parent treats its children's failures. An actor chooses its strategy by overriding
/// Actor.SupervisorStrategy or through Props.WithSupervisorStrategy.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// The default, as in Akka.NET: one-for-one, restart on any exception, except stop on
    /// <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/>; no restart limit.
    /// </summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops every failing child.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>The decision of <see cref="Default"/>.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>
    /// Decides what happens to a child that failed with <paramref name="cause"/>. A Restart the limits
    /// do not allow becomes Stop.
    /// </summary>
    internal abstract Directive Decide(ChildRestartStats stats, Exception cause, VirtualTime now);
}
