using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A VM object as a map sees it: a machine-wide id and, once the object actor exists, the actor.
/// Two refs are equal when their ids are.
/// </summary>
/// <param name="Id">The machine-wide object id (positive).</param>
/// <param name="Actor">The object's actor, or null while it has none yet.</param>
public sealed record VmObjectRef(long Id, IActorRef? Actor = null)
{
    /// <summary>A memory object's VM object (an external pager's): entries that map it by vm_map are shared.</summary>
    public bool External { get; init; }

    /// <summary>Equality by id.</summary>
    public bool Equals(VmObjectRef? other) => other is not null && other.Id == Id;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"object#{Id}";
}
