using MachActors.Actors;

namespace MachActors.Bench.Actors;

/// <summary>An actor that never receives anything: what an idle kernel object costs.</summary>
public sealed class IdleActor : Actor
{
    protected override void OnReceive(object message) => Unhandled(message);
}
