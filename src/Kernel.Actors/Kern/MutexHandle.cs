using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>A C-threads mutex of one task (mutex_t). Opaque.</summary>
/// <param name="Id">Its number within the task.</param>
public sealed record MutexHandle(long Id)
{
    internal IActorRef Task { get; init; } = null!;
}
