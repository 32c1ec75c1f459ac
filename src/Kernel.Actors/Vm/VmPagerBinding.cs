namespace MachActors.Kernel.Vm;

/// <summary>Where a VM object stands with its pager.</summary>
public enum VmPagerBinding
{
    /// <summary>No pager (anonymous memory not yet paged out, or unbound at termination).</summary>
    None,

    /// <summary>init was sent; faults wait for ready (I3).</summary>
    InitSent,

    /// <summary>The pager said ready (or the object was created for the default pager).</summary>
    Ready,

    /// <summary>The pager died (R11): no more requests; faults needing it take a memory error.</summary>
    Dead,
}
