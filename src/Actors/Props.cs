using MachActors.Actors.Supervision;

namespace MachActors.Actors;

/// <summary>
/// An immutable recipe for an actor: how to make an instance (again, on restart) and how it
/// supervises its children. One Props can spawn any number of actors.
/// </summary>
public sealed class Props
{
    private Props(Type actorType, Func<Actor> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        Factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor class.</summary>
    public Type ActorType { get; }

    /// <summary>Makes a fresh instance; called at spawn and at every restart, inside the actor's own turn.</summary>
    public Func<Actor> Factory { get; }

    /// <summary>Supervisor strategy for the actor's children, overriding Actor.SupervisorStrategy when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : Actor, new() => new(typeof(TActor), static () => new TActor(), null);

    /// <summary>Props whose instances come from <paramref name="factory"/> (which must return a new instance each call).</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, null);
    }

    /// <summary>
    /// Props for an actor whose class is known only at run time (a plugin loaded by reflection):
    /// <paramref name="actorType"/> names it (spawn traces and failure messages show it), and
    /// <paramref name="factory"/> must return a new instance of it on each call.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="actorType"/> is not an <see cref="Actor"/> class.</exception>
    public static Props Create(Type actorType, Func<Actor> factory)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        ArgumentNullException.ThrowIfNull(factory);
        if (!typeof(Actor).IsAssignableFrom(actorType)) throw new ArgumentException($"{actorType} is not an actor class", nameof(actorType));
        return new Props(actorType, factory, null);
    }

    /// <summary>The same recipe with <paramref name="strategy"/> supervising the actor's children.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, Factory, strategy);
    }

    /// <inheritdoc />
    public override string ToString() => "Props(" + ActorType.Name + ")";
}
