using MachActors.Actors.Supervision;

namespace MachActors.Actors;

/// <summary>
/// The actor of the root ("/") and of the two guardians ("/user", "/system"). It handles nothing;
/// it exists to supervise. The /user guardian uses the system's configured guardian strategy.
/// </summary>
internal sealed class Guardian(SupervisorStrategy strategy) : Actor
{
    protected override void OnReceive(object message) => Unhandled(message);

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
