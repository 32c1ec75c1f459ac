namespace MachActors.Actors;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched. Default supervision: stop.</summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates the exception for the unhandled termination of <paramref name="dead"/>.</summary>
    public DeathPactException(IActorRef dead) : base($"Monitored actor {dead} terminated and its Terminated was not handled") =>
        Dead = dead;

    /// <summary>The actor whose termination was not handled.</summary>
    public IActorRef Dead { get; }
}
