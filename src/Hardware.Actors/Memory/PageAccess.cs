namespace MachActors.Hardware.Memory;

/// <summary>
/// The access a TLB entry allows, or an access a CPU makes. The values are those of the kernel's
/// <c>VmProt</c>, so the two convert by a cast.
/// </summary>
[Flags]
public enum PageAccess
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Read.</summary>
    Read = 1,

    /// <summary>Write.</summary>
    Write = 2,

    /// <summary>Execute.</summary>
    Execute = 4,

    /// <summary>Read, write and execute.</summary>
    All = 7,
}
