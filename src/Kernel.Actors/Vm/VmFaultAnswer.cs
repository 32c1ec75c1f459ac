namespace MachActors.Kernel.Vm;

/// <summary>The answer to a fault's page request, now or on a later <see cref="VmObjectEffect.Resume"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Offset">The page's offset in the object.</param>
/// <param name="Frame">For <see cref="VmFaultOutcome.Resident"/>: the page's frame.</param>
/// <param name="Shadow">For <see cref="VmFaultOutcome.Unavailable"/>: where to look next (null: zero-fill in the top object).</param>
/// <param name="Error">For <see cref="VmFaultOutcome.MemoryError"/>: the code of the memory exception.</param>
public sealed record VmFaultAnswer(VmFaultOutcome Outcome, long Offset, VmFrame? Frame = null, VmShadowLink? Shadow = null, KernReturn Error = KernReturn.Success);
