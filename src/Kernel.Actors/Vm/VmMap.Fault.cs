using System.Diagnostics.CodeAnalysis;

namespace MachActors.Kernel.Vm;

public sealed partial class VmMap
{
    /// <summary>
    /// The fault path's lookup (vm_map_lookup): the entry containing <paramref name="address"/>, with
    /// anonymous memory not yet materialised given its object now (<see cref="VmMapEffect.ObjectCreated"/>
    /// for the whole entry, offset 0). InvalidAddress when the address is unmapped.
    /// </summary>
    public KernReturn Materialize(ulong address, [NotNullWhen(true)] out VmMapEntry? entry)
    {
        var i = IndexAtOrAfter(address);
        if (i >= _entries.Count || _entries[i].Start > address)
        {
            entry = null;
            return KernReturn.InvalidAddress;
        }
        var e = _entries[i];
        if (e.Object is null)
        {
            var made = NewObject();
            _effects.Add(new VmMapEffect.ObjectCreated(made, e.Size));
            e = e with { Object = made, Offset = 0 };
            Replace(i, e, Naming.Adopt);
        }
        entry = e;
        return KernReturn.Success;
    }

    /// <summary>
    /// The fault path's lookup for a write (vm_map_lookup with write access): as <see cref="Materialize"/>,
    /// and an entry still needs-copy gets its shadow object now: a new object of the entry's size
    /// shadowing the entry's object from its offset (<see cref="VmMapEffect.ShadowCreated"/>), which the
    /// entry names from then on at offset 0, no longer needs-copy; the map's reference on the old object
    /// goes (<see cref="VmMapEffect.ObjectReleased"/>, after the shadow took its own) unless another entry
    /// names it. The pmap keeps its read-only mappings of the old frames: until a page is copied up,
    /// the shadow reads it from the object below.
    /// </summary>
    public KernReturn MaterializeForWrite(ulong address, [NotNullWhen(true)] out VmMapEntry? entry)
    {
        var found = Materialize(address, out entry);
        if (found != KernReturn.Success || entry is not { NeedsCopy: true, Object: { } backing }) return found;
        var i = IndexAtOrAfter(address);
        var shadow = NewObject();
        _effects.Add(new VmMapEffect.ShadowCreated(shadow, backing, entry.Offset, entry.Size));
        entry = entry with { Object = shadow, Offset = 0, NeedsCopy = false };
        Replace(i, entry, Naming.Adopt);
        return KernReturn.Success;
    }
}
