namespace MachActors.Kernel.Device;

/// <summary>
/// How the device layer names its targets: the master (<see cref="Master"/>, id 0) or one device (every
/// open of a device gives the same handle). Programs hold ports instead: the master port and one port
/// per device, each standing for its handle (DeviceServer.Ports.cs); host code uses handles directly. The layer checks a handle against its
/// table, so a made-up handle is refused (<see cref="DeviceReturn.NoSuchDevice"/>).
/// </summary>
/// <param name="Id">0 for the master; from 1 for devices, in registration order.</param>
/// <param name="Name">The device name ("disk0", "console"), or "master".</param>
public sealed record DeviceHandle(int Id, string Name)
{
    /// <summary>The device master (handed out at bootstrap; the only target device_open accepts).</summary>
    public static readonly DeviceHandle Master = new(0, "master");

    /// <summary>Whether this is the master.</summary>
    public bool IsMaster => Id == 0;
}
