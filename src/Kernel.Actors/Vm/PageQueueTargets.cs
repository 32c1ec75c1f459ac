namespace MachActors.Kernel.Vm;

/// <summary>
/// The paging daemon's free-page targets (spec section 5, CMU Mach defaults): below
/// <paramref name="FreeReserved"/> only privileged allocations succeed; below <paramref name="FreeMin"/>
/// the daemon always runs; once running it works until <paramref name="FreeTarget"/>.
/// </summary>
/// <param name="FreeReserved">Frames kept for the daemon and the default pager.</param>
/// <param name="FreeMin">reserved + 10 + F/100.</param>
/// <param name="FreeTarget">reserved + 15 + F/80, at least free_min + 5.</param>
public sealed record PageQueueTargets(int FreeReserved, int FreeMin, int FreeTarget)
{
    /// <summary>CMU Mach's free_reserved (GNU Mach uses 50).</summary>
    public const int CmuFreeReserved = 15;

    /// <summary>
    /// The targets for <paramref name="freeFrames"/> frames free at boot (F; here every frame, as the
    /// kernel image occupies none) and <paramref name="freeReserved"/>. Negative input counts as zero.
    /// </summary>
    public static PageQueueTargets Compute(int freeFrames, int freeReserved = CmuFreeReserved)
    {
        var f = Math.Max(0, freeFrames);
        var reserved = Math.Max(0, freeReserved);
        var min = reserved + 10 + f / 100;
        return new PageQueueTargets(reserved, min, Math.Max(reserved + 15 + f / 80, min + 5));
    }
}
