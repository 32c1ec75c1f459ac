namespace MachActors.Actors.TestKit;

/// <summary>Commands host code sends to a probe's actor (it has no context of its own outside the actor).</summary>
internal abstract record ProbeCommand;

/// <summary>Watch <paramref name="Target"/>; its Terminated arrives in the probe's queue.</summary>
internal sealed record ProbeWatch(IActorRef Target) : ProbeCommand;

/// <summary>Stop watching <paramref name="Target"/>.</summary>
internal sealed record ProbeUnwatch(IActorRef Target) : ProbeCommand;
