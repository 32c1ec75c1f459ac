namespace MachActors.Kernel.Vm;

/// <summary>What <see cref="VmMap.Region"/> reports of one map entry (vm_region's out arguments).</summary>
/// <param name="Start">First address of the region.</param>
/// <param name="Size">Bytes in the region.</param>
/// <param name="Protection">Current protection.</param>
/// <param name="MaxProtection">Maximum protection.</param>
/// <param name="Inheritance">Inheritance.</param>
/// <param name="Shared">Whether the region's object is shared with another map.</param>
/// <param name="ObjectName">The object's id (Mach's object name), 0 for anonymous memory not yet materialised.</param>
/// <param name="Offset">The object offset of <paramref name="Start"/>.</param>
public sealed record VmRegionInfo(
    ulong Start,
    ulong Size,
    VmProt Protection,
    VmProt MaxProtection,
    VmInherit Inheritance,
    bool Shared,
    long ObjectName,
    ulong Offset);
