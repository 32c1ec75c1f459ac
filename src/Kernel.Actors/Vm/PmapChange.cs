using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A mapping a <see cref="Pmap"/> call took away or narrowed: the kernel must shoot down
/// <paramref name="Page"/> on every CPU in <paramref name="Cpus"/> before it relies on the change
/// (and before it reuses <paramref name="Frame"/> when the mapping was removed).
/// </summary>
/// <param name="Page">The virtual page.</param>
/// <param name="Frame">The frame the page was mapped to.</param>
/// <param name="OldProtection">The protection before.</param>
/// <param name="NewProtection">The protection after; <see cref="VmProt.None"/> when the mapping is gone.</param>
/// <param name="Cpus">The CPUs that may cache the old mapping (bit n = CPU n); zero: no shootdown needed.</param>
public readonly record struct PmapChange(long Page, FrameNumber Frame, VmProt OldProtection, VmProt NewProtection, ulong Cpus)
{
    /// <summary>Whether the mapping was removed (rather than narrowed).</summary>
    public bool Removed => NewProtection == VmProt.None;

    /// <summary>Whether some CPU may cache the old mapping.</summary>
    public bool NeedsShootdown => Cpus != 0;
}
