namespace MachActors.Kernel.Mig.Interfaces;

/// <summary><c>io_return_t</c>: the device routines' codes (spec section 7).</summary>
public enum DeviceReturn
{
    /// <summary>D_SUCCESS.</summary>
    Success = 0,

    /// <summary>D_IO_ERROR: the hardware reported an error.</summary>
    IoError = 2500,

    /// <summary>D_WOULD_BLOCK: D_NOWAIT was given and the call would wait.</summary>
    WouldBlock = 2501,

    /// <summary>D_NO_SUCH_DEVICE: no device of that name.</summary>
    NoSuchDevice = 2502,

    /// <summary>D_ALREADY_OPEN: the device is exclusive and open.</summary>
    AlreadyOpen = 2503,

    /// <summary>D_DEVICE_DOWN: the device is not available.</summary>
    DeviceDown = 2504,

    /// <summary>D_INVALID_OPERATION: the device does not do that (also: a bad master port).</summary>
    InvalidOperation = 2505,

    /// <summary>D_INVALID_RECNUM: the record number is out of range.</summary>
    InvalidRecnum = 2506,

    /// <summary>D_INVALID_SIZE: the size is not valid for the device.</summary>
    InvalidSize = 2507,

    /// <summary>D_NO_MEMORY: no memory for the data.</summary>
    NoMemory = 2508,

    /// <summary>D_READ_ONLY: the device is read-only.</summary>
    ReadOnly = 2509,
}
