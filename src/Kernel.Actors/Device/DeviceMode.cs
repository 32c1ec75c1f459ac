namespace MachActors.Kernel.Device;

/// <summary>The mode bits of device_open and of the I/O calls (device/device_types.h).</summary>
[Flags]
public enum DeviceMode
{
    /// <summary>No bits.</summary>
    None = 0,

    /// <summary>D_READ: open for reading.</summary>
    Read = 1,

    /// <summary>D_WRITE: open for writing.</summary>
    Write = 2,

    /// <summary>D_NODELAY: open without waiting (e.g. for a terminal's carrier); our devices never wait to open.</summary>
    NoDelay = 4,

    /// <summary>D_NOWAIT: an I/O call that would wait fails with <see cref="DeviceReturn.WouldBlock"/> instead.</summary>
    NoWait = 8,
}
