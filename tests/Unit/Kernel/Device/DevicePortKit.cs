using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Kernel.Device;

/// <summary>A machine with a disk ("disk0", <see cref="DiskKit.Geometry"/>) and a console (100 us a byte, "typed" at 30 ms), for programs that use the device ports.</summary>
internal static class DevicePortKit
{
    public static readonly Duration ByteTime = Us(100);

    public static MachineKit Boot(DispatcherKind kind = DispatcherKind.Controlled) => new(2, kind, config: new MachineConfig
    {
        Disks = [new DiskConfig { Geometry = Geometry }],
        Console = new ConsoleConfig { ByteTime = ByteTime, Script = [new ConsoleScriptLine(At(Ms(30)), "typed")] },
    });

    /// <summary>The device layer's accounting, from host code.</summary>
    public static DeviceStats Stats(this MachineKit kit) => kit.Call<DeviceStats>(kit.Machine.DeviceServer, new GetDeviceStats());

    /// <summary>The status of a device's port (null: the master port), from host code.</summary>
    public static PortStatus PortStatus(this MachineKit kit, string? device) => kit.Call<PortStatus>(kit.Machine.DeviceServer, new GetDevicePortStatus(device));
}
