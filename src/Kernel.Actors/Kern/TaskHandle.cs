using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>
/// What a program holds to name a task (until IPC lands and it holds a port name instead).
/// Opaque: only the kernel turns it into the task's kernel object.
/// </summary>
/// <param name="Id">The task's id (stable for the run).</param>
/// <param name="Name">Its name.</param>
public sealed record TaskHandle(long Id, string Name)
{
    internal IActorRef Ref { get; init; } = null!;

    /// <summary>The task's kernel port (its object receives its messages).</summary>
    internal Ipc.PortRef Port { get; init; } = null!;

    /// <summary>"name#id".</summary>
    public override string ToString() => $"{Name}#{Id}";
}
