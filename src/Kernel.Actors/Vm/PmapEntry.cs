using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>One hardware mapping of a <see cref="Pmap"/>: a virtual page is <paramref name="Frame"/> with <paramref name="Protection"/>.</summary>
/// <param name="Frame">The physical frame.</param>
/// <param name="Protection">The access the hardware allows (never <see cref="VmProt.None"/>: such a mapping is removed).</param>
/// <param name="Wired">Whether the mapping is wired (it must stay while the region is wired).</param>
/// <param name="Cpus">The CPUs that may cache the mapping in their TLB (bit n = CPU n).</param>
public readonly record struct PmapEntry(FrameNumber Frame, VmProt Protection, bool Wired, ulong Cpus);
