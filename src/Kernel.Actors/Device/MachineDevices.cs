using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Device;

/// <summary>A machine's devices as <c>Machine.Boot</c> creates them: the hardware actors, the console's output, the device server.</summary>
/// <param name="Hardware">Device actors by name.</param>
/// <param name="Server">The kernel's device server.</param>
/// <param name="MasterPort">The device master port (a kernel port in front of the server).</param>
/// <param name="ConsoleOutput">The console's kept output; null without a console.</param>
internal sealed record MachineDevices(IReadOnlyDictionary<string, IActorRef> Hardware, IActorRef Server, PortRef MasterPort, RecordingConsoleSink? ConsoleOutput)
{
    /// <summary>
    /// Opens every disk's block store (host code, before anything is spawned): memory, or the image file.
    /// </summary>
    /// <exception cref="ArgumentException">An image file is missing (without DiskConfig.CreateImage) or too short (every such disk is listed; stores already opened are closed).</exception>
    public static IReadOnlyList<IBlockStore> OpenStores(MachineConfig config)
    {
        var stores = new List<IBlockStore>();
        var problems = new List<string>();
        foreach (var disk in config.Disks)
        {
            if (disk.ImagePath is null) stores.Add(new MemoryBlockStore(disk.Geometry));
            else if (FileBlockStore.TryOpen(disk.ImagePath, disk.Geometry, disk.ReadOnly, out var file, out var error, disk.CreateImage)) stores.Add(file);
            else problems.Add($"disk {disk.Name}: {error}");
        }
        if (problems.Count == 0) return stores;
        foreach (var store in stores) store.Dispose();
        throw new ArgumentException("invalid machine configuration: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Spawns the disks (over <paramref name="stores"/>, in order), the console, the device server that
    /// knows them, and the master port in front of it (told to the server now, so before any message can
    /// reach the port; the caller tells the host).
    /// </summary>
    public static MachineDevices Spawn(ActorSystem system, MachineConfig config, IReadOnlyList<IBlockStore> stores)
    {
        var hardware = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var registrations = new List<DeviceRegistration>();
        for (var i = 0; i < config.Disks.Count; i++)
        {
            var disk = config.Disks[i];
            var store = stores[i];
            var actor = system.Spawn(Props.Create(() => new Disk(disk, store)), disk.Name);
            hardware.Add(disk.Name, actor);
            registrations.Add(new DeviceRegistration(disk.Name, new DiskDriver(disk), actor));
        }
        RecordingConsoleSink? output = null;
        if (config.Console is { } console)
        {
            var sink = output = new RecordingConsoleSink(console.HostOutput);
            var actor = system.Spawn(Props.Create(() => new ConsoleDevice(console, sink)), console.Name);
            hardware.Add(console.Name, actor);
            registrations.Add(new DeviceRegistration(console.Name, new ConsoleDriver(), actor));
        }
        var server = system.Spawn(Props.Create(() => new DeviceServer(registrations)), "device-master");
        var masterActor = system.Spawn(Port.ForKernelObject(server));
        var master = new PortRef(masterActor.Id.Value, masterActor);
        server.Tell(new AttachDeviceMaster(master));
        return new MachineDevices(hardware, server, master, output);
    }
}
