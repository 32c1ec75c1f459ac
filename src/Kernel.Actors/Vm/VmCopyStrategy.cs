namespace MachActors.Kernel.Vm;

/// <summary>How the kernel copies a pager's object (spec §6, <c>memory_object_copy_strategy_t</c>).</summary>
public enum VmCopyStrategy
{
    /// <summary>Copy eagerly, page by page, faulting the source through the pager.</summary>
    None = 0,

    /// <summary>Send <c>copy</c> to the pager, which implements the copy as a new memory object.</summary>
    Call = 1,

    /// <summary>Copy objects: the pager promises not to change the data behind the kernel's back.</summary>
    Delay = 2,

    /// <summary>Like Delay, and the pager need not see changes: the object is treated as anonymous memory.</summary>
    Temporary = 3,
}
