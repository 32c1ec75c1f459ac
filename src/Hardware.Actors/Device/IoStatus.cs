namespace MachActors.Hardware.Device;

/// <summary>
/// The outcome of one device operation as the hardware reports it in a completion interrupt. The
/// values equal Mach's <c>D_*</c> codes (device/device_types.h), so the kernel's device layer can
/// pass them on unchanged. Expected failures are codes; a device actor never throws on bad input.
/// </summary>
public enum IoStatus
{
    /// <summary>D_SUCCESS: the operation completed.</summary>
    Success = 0,

    /// <summary>D_IO_ERROR: the medium (e.g. the host image file) failed the transfer.</summary>
    IoError = 2500,

    /// <summary>D_WOULD_BLOCK: no data now and the request asked not to wait (D_NOWAIT).</summary>
    WouldBlock = 2501,

    /// <summary>D_INVALID_RECNUM: the record (block) range is not on the device.</summary>
    InvalidRecnum = 2506,

    /// <summary>D_INVALID_SIZE: the size is not positive or not a multiple of the record size.</summary>
    InvalidSize = 2507,

    /// <summary>D_READ_ONLY: a write to a read-only device.</summary>
    ReadOnly = 2509,
}
