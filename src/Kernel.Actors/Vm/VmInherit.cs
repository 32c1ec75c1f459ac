namespace MachActors.Kernel.Vm;

/// <summary>Mach's <c>vm_inherit_t</c>: what a child task gets of a region at task_create with inheritance. Values as in Mach 3.</summary>
public enum VmInherit
{
    /// <summary>The child shares the region with the parent.</summary>
    Share = 0,

    /// <summary>The child gets a copy (copy-on-write).</summary>
    Copy = 1,

    /// <summary>The region is absent in the child.</summary>
    None = 2,
}
