namespace MachActors.Hardware.Memory;

/// <summary>The outcome of <see cref="Tlb.Lookup"/> or <see cref="Tlb.Insert"/>.</summary>
public enum TlbResult
{
    /// <summary>Lookup: the translation is cached and allows the access. Insert: done.</summary>
    Hit = 0,

    /// <summary>Lookup: no translation for the page is cached (the CPU asks the kernel: a fault).</summary>
    Miss = 1,

    /// <summary>Lookup: a translation is cached but does not allow the access (a protection fault).</summary>
    ProtectionFault = 2,

    /// <summary>The arguments are bad: a negative page, no access in an insert, bits outside <see cref="PageAccess.All"/>, a negative frame.</summary>
    InvalidArgument = 3,
}
