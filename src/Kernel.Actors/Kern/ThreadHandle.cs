using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>What a program holds to name a thread (cthread_t / thread port). Opaque.</summary>
/// <param name="Id">The thread's id (stable for the run).</param>
/// <param name="Name">Its name.</param>
public sealed record ThreadHandle(long Id, string Name)
{
    internal IActorRef Ref { get; init; } = null!;

    /// <summary>The thread's kernel port (its object receives its messages).</summary>
    internal Ipc.PortRef Port { get; init; } = null!;

    /// <summary>"name#id".</summary>
    public override string ToString() => $"{Name}#{Id}";
}
