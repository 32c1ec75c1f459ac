using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>A C-threads condition variable of one task (condition_t). Opaque.</summary>
/// <param name="Id">Its number within the task.</param>
public sealed record ConditionHandle(long Id)
{
    internal IActorRef Task { get; init; } = null!;
}
