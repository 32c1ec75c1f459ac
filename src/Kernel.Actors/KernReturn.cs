namespace MachActors.Kernel;

/// <summary>
/// Mach's <c>kern_return_t</c>: the result of every kernel call. Expected failures are codes, never
/// exceptions. Values as in CMU Mach 3.0.
/// </summary>
public enum KernReturn
{
    /// <summary>The call succeeded.</summary>
    Success = 0,

    /// <summary>An address is not valid in the task's address space.</summary>
    InvalidAddress = 1,

    /// <summary>The access is not allowed by the region's protection.</summary>
    ProtectionFailure = 2,

    /// <summary>No room (address space, table) for the request.</summary>
    NoSpace = 3,

    /// <summary>An argument is invalid: a dead task or thread, a priority out of range, ...</summary>
    InvalidArgument = 4,

    /// <summary>The operation failed for a reason not covered by another code (e.g. resume without suspend).</summary>
    Failure = 5,

    /// <summary>The kernel ran out of a resource.</summary>
    ResourceShortage = 6,

    /// <summary>The caller does not hold the receive right.</summary>
    NotReceiver = 7,

    /// <summary>Access denied.</summary>
    NoAccess = 8,

    /// <summary>The memory object's data could not be returned (KERN_MEMORY_FAILURE).</summary>
    MemoryFailure = 9,

    /// <summary>The memory object's data is in error: the faulting thread takes a memory exception (KERN_MEMORY_ERROR).</summary>
    MemoryError = 10,

    /// <summary>The port is not a member of the set.</summary>
    NotInSet = 12,

    /// <summary>The name already denotes a right.</summary>
    NameExists = 13,

    /// <summary>The operation was aborted (thread_abort interrupted a wait).</summary>
    Aborted = 14,

    /// <summary>The name does not denote a right.</summary>
    InvalidName = 15,

    /// <summary>The target task is not an active task.</summary>
    InvalidTask = 16,

    /// <summary>The name denotes a right, but not an appropriate one.</summary>
    InvalidRight = 17,

    /// <summary>A blatant range error.</summary>
    InvalidValue = 18,

    /// <summary>User references would overflow.</summary>
    UrefsOverflow = 19,

    /// <summary>The supplied capability is not a valid one.</summary>
    InvalidCapability = 20,

    /// <summary>The task already holds a right for the port under another name.</summary>
    RightExists = 21,

    /// <summary>The target host is not a host.</summary>
    InvalidHost = 22,

    /// <summary>A page is already resident: data_supply refused it (KERN_MEMORY_PRESENT).</summary>
    MemoryPresent = 23,
}
