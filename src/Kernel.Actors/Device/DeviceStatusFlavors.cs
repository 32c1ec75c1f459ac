namespace MachActors.Kernel.Device;

/// <summary>Status flavors of device_get_status understood by the built-in drivers (device/device_types.h).</summary>
public static class DeviceStatusFlavors
{
    /// <summary>DEV_GET_SIZE: answers [device size in bytes, record size in bytes].</summary>
    public const int GetSize = 0;

    /// <summary>DEV_GET_SIZE_DEVICE_SIZE: index of the device size in the answer.</summary>
    public const int GetSizeDeviceSize = 0;

    /// <summary>DEV_GET_SIZE_RECORD_SIZE: index of the record size in the answer.</summary>
    public const int GetSizeRecordSize = 1;

    /// <summary>DEV_GET_SIZE_COUNT: the answer's length.</summary>
    public const int GetSizeCount = 2;
}
