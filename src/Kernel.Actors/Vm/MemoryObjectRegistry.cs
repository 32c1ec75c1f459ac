using MachActors.Actors;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The kernel's memory object ports (docs/VM.md, as built: external pagers) as a plain class: each
/// port a pager asked for is bound to (pager actor, the pager's key), and once mapped to the one VM
/// object that caches it (spec §1: one VM object per memory object). Hosted by <see cref="VmResident"/>,
/// which is the ports' kernel object.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. A port is registered once and never rebound to another pager or key.
/// 2. A memory object has at most one VM object; it is made at the first vm_map and kept while the
///    port is registered (its incarnations end and begin inside it, I10/I11).
/// 3. A pager's ports are forgotten when the pager dies (<see cref="PagerDied"/>): a later vm_map of
///    them finds no memory object.
/// </remarks>
public sealed class MemoryObjectRegistry
{
    private readonly Dictionary<long, MemoryObjectEntry> _byPort = [];

    /// <summary>Memory object ports registered.</summary>
    public int Count => _byPort.Count;

    /// <summary>Registers the new port <paramref name="port"/> for <paramref name="pager"/>'s object <paramref name="key"/>; InvalidArgument when the port is already registered.</summary>
    public KernReturn Register(PortRef port, IActorRef pager, long key)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(pager);
        return _byPort.TryAdd(port.Id, new MemoryObjectEntry(port, pager, key)) ? KernReturn.Success : KernReturn.InvalidArgument;
    }

    /// <summary>The memory object behind the port with id <paramref name="portId"/>, or null when the port is no memory object port.</summary>
    public MemoryObjectEntry? Find(long portId) => _byPort.GetValueOrDefault(portId);

    /// <summary>
    /// <paramref name="pager"/> died: every port registered for it is forgotten and returned (in the
    /// order registered), so the caller can destroy them. Empty for an actor that serves no port.
    /// </summary>
    public IReadOnlyList<MemoryObjectEntry> PagerDied(IActorRef pager)
    {
        ArgumentNullException.ThrowIfNull(pager);
        var gone = _byPort.Values.Where(e => e.Pager.Equals(pager)).ToList();
        foreach (var entry in gone) _byPort.Remove(entry.Port.Id);
        return gone;
    }

    /// <summary>
    /// vm_map found the memory object of port <paramref name="portId"/>: its VM object, or a new one
    /// (<paramref name="make"/> is called with the entry and must return the new object) when it has
    /// none yet. Null when the port is no memory object port.
    /// </summary>
    public (VmObjectRef Object, bool Made)? Resolve(long portId, Func<MemoryObjectEntry, VmObjectRef> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (!_byPort.TryGetValue(portId, out var entry)) return null;
        if (entry.Object is { } existing) return (existing, false);
        entry.Object = make(entry);
        return (entry.Object, true);
    }
}

/// <summary>One memory object port: the pager that serves it, the pager's key, and its VM object once mapped.</summary>
/// <param name="Port">The memory object port.</param>
/// <param name="Pager">The pager actor (kernel -> pager messages go straight to it).</param>
/// <param name="Key">The pager's name for the object (carried in memory_object_init).</param>
public sealed record MemoryObjectEntry(PortRef Port, IActorRef Pager, long Key)
{
    /// <summary>The VM object caching the memory object, or null before the first vm_map.</summary>
    public VmObjectRef? Object { get; internal set; }
}
