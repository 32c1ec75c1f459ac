namespace MachActors.Kernel.Device;

/// <summary>
/// Mach's <c>io_return_t</c>: the result of every device call (device/device_types.h, spec section 7).
/// Expected failures are codes, never exceptions.
/// </summary>
public enum DeviceReturn
{
    /// <summary>D_SUCCESS.</summary>
    Success = 0,

    /// <summary>
    /// Not a D_* code: KERN_ABORTED, the answer a thread gets when thread_abort interrupts its wait for
    /// a device reply (the I/O still completes; its reply is dropped).
    /// </summary>
    Aborted = 14,

    /// <summary>D_IO_ERROR: the hardware failed the transfer.</summary>
    IoError = 2500,

    /// <summary>D_WOULD_BLOCK: D_NOWAIT was given and the call would have waited.</summary>
    WouldBlock = 2501,

    /// <summary>D_NO_SUCH_DEVICE: no device of that name, or the device is not open.</summary>
    NoSuchDevice = 2502,

    /// <summary>D_ALREADY_OPEN: an exclusive device is open already.</summary>
    AlreadyOpen = 2503,

    /// <summary>D_DEVICE_DOWN: the device is not working.</summary>
    DeviceDown = 2504,

    /// <summary>D_INVALID_OPERATION: the call makes no sense for the target (also a bad master port, or a status flavor the device lacks).</summary>
    InvalidOperation = 2505,

    /// <summary>D_INVALID_RECNUM: the record number is not on the device.</summary>
    InvalidRecnum = 2506,

    /// <summary>D_INVALID_SIZE: the size is not acceptable (not whole records, too big for an inband call, a status array too small).</summary>
    InvalidSize = 2507,

    /// <summary>D_NO_MEMORY: no memory for the transfer.</summary>
    NoMemory = 2508,

    /// <summary>D_READ_ONLY: a write to (or a write-open of) a read-only device.</summary>
    ReadOnly = 2509,
}
