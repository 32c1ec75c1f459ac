namespace MachActors.Kernel.Vm;

/// <summary>Fault path (a task) -> <see cref="VmObject"/>: fault <paramref name="FaultId"/> needs the page at <paramref name="Offset"/> for <paramref name="Access"/>; answered with <see cref="ObjectFaultAnswer"/> (at once or after a wait).</summary>
/// <param name="FaultId">The task's id for the fault.</param>
/// <param name="Offset">The page's offset in the object.</param>
/// <param name="Access">The access wanted.</param>
public sealed record ObjectFault(long FaultId, long Offset, VmProt Access);

/// <summary><see cref="VmObject"/> -> fault path: the answer to fault <paramref name="FaultId"/> (Resident with a frame, or MemoryError).</summary>
/// <param name="FaultId">The fault.</param>
/// <param name="Answer">The answer.</param>
public sealed record ObjectFaultAnswer(long FaultId, VmFaultAnswer Answer);

/// <summary>
/// A map -> <see cref="VmObject"/>: the map dropped its reference. At the last reference the object
/// frees its frames and stops. Sent only after every mapping of its pages was shot down (rule 5).
/// </summary>
public sealed record ObjectRelease
{
    /// <summary>The one instance.</summary>
    public static readonly ObjectRelease Instance = new();
}
