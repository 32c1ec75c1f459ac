using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig.Interfaces;
using DeviceMig = MachActors.Kernel.Mig.Interfaces.DeviceServer;

namespace MachActors.Kernel.Device;

/// <summary>
/// The device ports (docs/IPC.md rule 7, spec section 7): the master port (made at boot, handed to the
/// tasks the host starts) and one kernel port per device, made by its first device_open through the
/// master port and kept for the machine's life (every open of the device gives a send right to it).
/// A message on any of them names the device that port stands for.
/// </summary>
public sealed partial class DeviceServer
{
    /// <summary>What a port the server does not know stands for: a handle no device has (D_NO_SUCH_DEVICE).</summary>
    private static readonly DeviceHandle Unknown = new(-1, "unknown");

    private readonly Dictionary<DeviceHandle, PortRef> _ports = [];
    private readonly Dictionary<PortRef, DeviceHandle> _byPort = [];
    private PortRef? _masterPort;

    /// <summary>
    /// A MIG request on a device port. A simpleroutine of device_request (2800, 2802-2805) sent without a
    /// header reply port goes to <see cref="IDeviceRequest"/> (its answer to the reply port it carries);
    /// anything else to <see cref="IDevice"/>. Codes: the device's D_* code; on the master port only
    /// device_open works (the I/O calls answer D_INVALID_OPERATION); device_open on a device port
    /// D_INVALID_OPERATION; other ids MIG_BAD_ID; a wrong shape MIG_BAD_ARGUMENTS.
    /// </summary>
    protected override void OnPortMessage(KernelPortRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = TargetOf(request.Kernel.Destination);
        if (request.ReplyName == PortName.Null && DeviceRequestServer.IsRoutine(request.Message.Header.Id))
        {
            ServeMig(request, r => DeviceRequestServer.Demux(r.Message, new DeviceRequestRoutines(_master, r, target, Self, PortOf)));
        }
        else
        {
            ServeMig(request, r => DeviceMig.Demux(r.Message, new DevicePortRoutines(_master, r, target, Self, PortOf)));
        }
    }

    private DeviceHandle TargetOf(PortRef port)
    {
        if (port == _masterPort) return DeviceHandle.Master;
        return _byPort.TryGetValue(port, out var device) ? device : Unknown;
    }

    /// <summary>The port of <paramref name="device"/>, made (as a child) the first time it is needed.</summary>
    private PortRef PortOf(DeviceHandle device)
    {
        if (_ports.TryGetValue(device, out var port)) return port;
        var actor = Context.Spawn(Port.ForKernelObject(Self), "port-" + device.Name);
        port = new PortRef(actor.Id.Value, actor);
        _ports.Add(device, port);
        _byPort.Add(port, device);
        return port;
    }

    private void AnswerPortStatus(string? name, CallerReply reply)
    {
        var port = name is null ? _masterPort : _ports.FirstOrDefault(p => p.Key.Name == name).Value;
        if (port is null) reply.Send(new Ipc.PortStatus(KernReturn.InvalidName, 0, 0, 0, 0, 0, 0, false, false, 0, 0), Self);
        else port.Actor.Tell(new PortGetStatus(reply), Self);
    }
}
