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
}
