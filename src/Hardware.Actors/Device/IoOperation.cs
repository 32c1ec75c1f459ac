namespace MachActors.Hardware.Device;

/// <summary>What a device request does (disk or console).</summary>
public enum IoOperation
{
    /// <summary>Transfer data from the device to the requester.</summary>
    Read,

    /// <summary>Transfer data from the requester to the device.</summary>
    Write,
}
