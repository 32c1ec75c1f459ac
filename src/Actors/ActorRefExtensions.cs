namespace MachActors.Actors;

/// <summary>Conveniences on <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> with the implicit sender: the current actor's Self when called
    /// inside an actor, nobody when called from host code (as Akka.NET's Tell(message) does).
    /// </summary>
    public static void Tell(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.SelfRef);
    }

    /// <summary>Passes <paramref name="message"/> on, keeping the current message's original sender.</summary>
    /// <exception cref="InvalidOperationException">Called outside an actor.</exception>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward is only meaningful inside an actor's handler");
        target.Tell(message, cell.CurrentSender);
    }
}
