using MachActors.Actors;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// A port's (or a port set's) identity inside the kernel: a machine-wide id and the actor that owns
/// its state. Only the kernel holds these; a program sees names. Two refs are equal when their ids are.
/// </summary>
/// <param name="Id">The machine-wide id (the port actor's id).</param>
/// <param name="Actor">The port (or port set) actor.</param>
public sealed record PortRef(long Id, IActorRef Actor)
{
    /// <summary>Equality by id.</summary>
    public bool Equals(PortRef? other) => other is not null && other.Id == Id;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"port#{Id}";
}
