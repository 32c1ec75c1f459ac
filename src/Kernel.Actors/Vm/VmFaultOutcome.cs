namespace MachActors.Kernel.Vm;

/// <summary>What a fault learns from a VM object about one page.</summary>
public enum VmFaultOutcome
{
    /// <summary>The page is resident and allows the access: map it.</summary>
    Resident,

    /// <summary>The fault waits; a <see cref="VmObjectEffect.Resume"/> for it follows.</summary>
    Wait,

    /// <summary>Re-check: call <see cref="VmObjectState.RequestPage"/> again (woken from a busy page, readiness, back-pressure or an unlock).</summary>
    Retry,

    /// <summary>The object has no data here (I5): continue in the shadow object, or zero-fill in the top object if there is none.</summary>
    Unavailable,

    /// <summary>The data cannot be had (I6, pager death, timeout, termination): the thread takes a memory exception.</summary>
    MemoryError,
}
