namespace MachActors.Kernel.Vm;

/// <summary>
/// One entry of a <see cref="VmMap"/>: the pages [<paramref name="Start"/>, <paramref name="End"/>)
/// map <paramref name="Object"/> from <paramref name="Offset"/>. Immutable; the map replaces entries.
/// </summary>
/// <param name="Start">First address (page-aligned).</param>
/// <param name="End">Address after the last byte (page-aligned, greater than Start).</param>
/// <param name="Object">The object mapped, or null for anonymous memory not yet materialised (zero fill).</param>
/// <param name="Offset">The object offset of <paramref name="Start"/> (page-aligned; 0 without an object).</param>
/// <param name="Protection">Current protection, always within <paramref name="MaxProtection"/>.</param>
/// <param name="MaxProtection">Maximum protection.</param>
/// <param name="Inheritance">What a child gets at fork.</param>
/// <param name="NeedsCopy">Copy-on-write pending: the first write makes a shadow object (never with a null object).</param>
/// <param name="Shared">The object is shared with another map (fork with Share), so symmetric copy does not apply.</param>
public sealed record VmMapEntry(
    ulong Start,
    ulong End,
    VmObjectRef? Object,
    ulong Offset,
    VmProt Protection,
    VmProt MaxProtection,
    VmInherit Inheritance,
    bool NeedsCopy,
    bool Shared)
{
    /// <summary>Bytes covered.</summary>
    public ulong Size => End - Start;

    /// <summary>True when <paramref name="address"/> lies in the entry.</summary>
    public bool Contains(ulong address) => address >= Start && address < End;
}
