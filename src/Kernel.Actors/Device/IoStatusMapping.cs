using MachActors.Hardware.Device;

namespace MachActors.Kernel.Device;

/// <summary>The hardware's <see cref="IoStatus"/> as a <see cref="DeviceReturn"/>.</summary>
public static class IoStatusMapping
{
    /// <summary>The device code for <paramref name="status"/>; an unknown status is <see cref="DeviceReturn.IoError"/>.</summary>
    public static DeviceReturn ToDeviceReturn(this IoStatus status) => status switch
    {
        IoStatus.Success => DeviceReturn.Success,
        IoStatus.IoError => DeviceReturn.IoError,
        IoStatus.WouldBlock => DeviceReturn.WouldBlock,
        IoStatus.InvalidRecnum => DeviceReturn.InvalidRecnum,
        IoStatus.InvalidSize => DeviceReturn.InvalidSize,
        IoStatus.ReadOnly => DeviceReturn.ReadOnly,
        _ => DeviceReturn.IoError,
    };
}
