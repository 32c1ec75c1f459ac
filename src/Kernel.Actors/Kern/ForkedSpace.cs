using MachActors.Actors;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The address space a child task inherits at task_create: its map, made by <see cref="VmMap.ForkInto"/>
/// in the parent's turn and handed over (the parent never touches it again), the object actors the
/// parent knew, and the map's id source, which the child points at its own ids when it starts.
/// </summary>
/// <param name="Map">The child's map.</param>
/// <param name="Ids">Where the map's new object ids come from.</param>
/// <param name="Objects">Object id -> actor, for the objects the map names that the parent had resolved.</param>
internal sealed record ForkedSpace(VmMap Map, ObjectIdSource Ids, IReadOnlyDictionary<long, IActorRef> Objects);

/// <summary>A map's source of machine-wide object ids, re-pointed when the map changes hands (fork).</summary>
/// <param name="next">The first source.</param>
internal sealed class ObjectIdSource(Func<long> next)
{
    /// <summary>The source in use.</summary>
    public Func<long> Source { get; set; } = next;

    /// <summary>A new id.</summary>
    public long Next() => Source();
}
