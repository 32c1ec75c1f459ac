namespace MachActors.Hardware.Memory;

/// <summary>
/// Kernel -> CPU: drop every TLB translation of <paramref name="PmapId"/> for pages
/// <paramref name="FirstPage"/> to <paramref name="FirstPage"/> + <paramref name="PageCount"/> - 1
/// (<see cref="Tlb.Apply"/>), then answer with <see cref="TlbShootdownAck"/> carrying <paramref name="Token"/>.
/// The kernel reuses a frame only after every CPU it sent the request to has acknowledged (docs/VM.md rule 5).
/// </summary>
/// <param name="PmapId">The address space.</param>
/// <param name="FirstPage">The first virtual page.</param>
/// <param name="PageCount">How many pages; <see cref="long.MaxValue"/> with first page 0 means the whole pmap.</param>
/// <param name="Token">The kernel's id for this shootdown (<see cref="ShootdownTracker"/>), echoed in the ack.</param>
public sealed record TlbShootdown(long PmapId, long FirstPage, long PageCount, long Token)
{
    /// <summary>A shootdown of every page of <paramref name="pmapId"/>.</summary>
    public static TlbShootdown WholePmap(long pmapId, long token) => new(pmapId, 0, long.MaxValue, token);

    /// <summary>Whether this covers every page of the pmap.</summary>
    public bool IsWholePmap => FirstPage == 0 && PageCount == long.MaxValue;
}

/// <summary>CPU -> kernel: CPU <paramref name="Cpu"/> has performed the <see cref="TlbShootdown"/> with <paramref name="Token"/>.</summary>
/// <param name="Cpu">The acknowledging CPU.</param>
/// <param name="Token">The shootdown's token.</param>
public sealed record TlbShootdownAck(int Cpu, long Token);
