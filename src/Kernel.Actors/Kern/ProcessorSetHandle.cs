using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>Names a processor set (its control port, in Mach). Opaque.</summary>
/// <param name="Id">The set's id; the default set is 0.</param>
/// <param name="Name">Its name.</param>
public sealed record ProcessorSetHandle(int Id, string Name)
{
    internal IActorRef Ref { get; init; } = null!;

    /// <summary>The set's port (its control port; the set's object receives its calls). Null only in handles made by tests.</summary>
    internal Ipc.PortRef? Port { get; init; }

    /// <summary>Equality by id (the set's own copy and the host's are the same set).</summary>
    public bool Equals(ProcessorSetHandle? other) => other is not null && other.Id == Id;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Name;
}
