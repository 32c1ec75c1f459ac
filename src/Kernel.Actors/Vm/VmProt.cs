namespace MachActors.Kernel.Vm;

/// <summary>Mach's <c>vm_prot_t</c>: the access a region or a page allows. Values as in Mach 3.</summary>
[Flags]
public enum VmProt
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
