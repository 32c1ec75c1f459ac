namespace MachActors.Hardware.Memory;

/// <summary>One translation a <see cref="Tlb"/> holds: in pmap <paramref name="PmapId"/>, virtual page <paramref name="Page"/> is <paramref name="Frame"/> with <paramref name="Access"/>.</summary>
/// <param name="PmapId">The address space (the kernel's pmap id).</param>
/// <param name="Page">The virtual page number (address / page size).</param>
/// <param name="Frame">The physical frame.</param>
/// <param name="Access">What the translation allows.</param>
public readonly record struct TlbEntry(long PmapId, long Page, FrameNumber Frame, PageAccess Access);
