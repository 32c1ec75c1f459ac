using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Device;

/// <summary>
/// <see cref="IDevice"/> for one request that arrived on a device port (the master or a device's):
/// every routine calls <see cref="DeviceMaster"/> on <paramref name="target"/>, the device that port
/// stands for. Open, close and the status calls answer at once; read and write answer at once on a
/// failure found before the I/O, and otherwise return MIG_NO_REPLY and answer through a
/// <see cref="PortReplySink"/> when the completion interrupt arrives.
/// </summary>
/// <param name="master">The device layer.</param>
/// <param name="request">The request (its reply right, the rights given in the reply).</param>
/// <param name="target">The device the request's port stands for (<see cref="DeviceHandle.Master"/> for the master port).</param>
/// <param name="server">The device server.</param>
/// <param name="portOf">A device's port (made on first use).</param>
internal sealed class DevicePortRoutines(DeviceMaster master, KernelPortRequest request, DeviceHandle target, IActorRef server, Func<DeviceHandle, PortRef> portOf) : IDevice
{
    /// <summary>device_open on the master port only (else D_INVALID_OPERATION): a send right made from the device's port.</summary>
    public DeviceReturn DeviceOpen(PortName masterPort, MigReplyHandle reply, int mode, string name, out PortName device)
    {
        var opened = master.Open(target, (DeviceMode)mode, name);
        device = opened is { Return: DeviceReturn.Success, Device: { } d } ? request.GiveMadeSend(portOf(d)) : PortName.Null;
        return opened.Return;
    }

    /// <summary>device_close: the device's port stays; calls on it answer D_NO_SUCH_DEVICE until it is opened again.</summary>
    public DeviceReturn DeviceClose(PortName device) => master.Close(target).Return;

    /// <summary>device_write: deferred until the completion, or a code at once.</summary>
    public DeviceReturn DeviceWrite(PortName device, MigReplyHandle reply, int mode, int recnum, ImmutableArray<byte> data, out int bytesWritten) =>
        Write(mode, recnum, data, inband: false, out bytesWritten);

    /// <summary>device_write_inband: as <see cref="DeviceWrite"/>.</summary>
    public DeviceReturn DeviceWriteInband(PortName device, MigReplyHandle reply, int mode, int recnum, ImmutableArray<byte> data, out int bytesWritten) =>
        Write(mode, recnum, data, inband: true, out bytesWritten);

    /// <summary>device_read: deferred until the completion, or a code at once.</summary>
    public DeviceReturn DeviceRead(PortName device, MigReplyHandle reply, int mode, int recnum, int bytesWanted, out ImmutableArray<byte> data) =>
        Read(mode, recnum, bytesWanted, inband: false, out data);

    /// <summary>device_read_inband: as <see cref="DeviceRead"/>.</summary>
    public DeviceReturn DeviceReadInband(PortName device, MigReplyHandle reply, int mode, int recnum, int bytesWanted, out ImmutableArray<byte> data) =>
        Read(mode, recnum, bytesWanted, inband: true, out data);

    /// <summary>device_set_status: the words (little-endian int32); a length that is not whole words is D_INVALID_SIZE.</summary>
    public DeviceReturn DeviceSetStatus(PortName device, int flavor, ImmutableArray<byte> status) =>
        status.Length % 4 != 0 ? DeviceReturn.InvalidSize : master.SetStatus(target, flavor, InfoWords.Unpack(status)).Return;

    /// <summary>device_get_status: the driver's words for <paramref name="flavor"/>, at most <paramref name="statusCount"/>.</summary>
    public DeviceReturn DeviceGetStatus(PortName device, int flavor, int statusCount, out ImmutableArray<byte> status)
    {
        var got = master.GetStatus(target, flavor, statusCount);
        status = got.Return == DeviceReturn.Success ? InfoWords.Pack([.. got.Status]) : [];
        return got.Return;
    }

    private DeviceReturn Write(int mode, int recnum, ImmutableArray<byte> data, bool inband, out int bytesWritten)
    {
        bytesWritten = 0;
        if (master.Write(target, (DeviceMode)mode, recnum, data.AsMemory(), inband, Sink()) is not { } now) return Deferred();
        bytesWritten = now.BytesWritten;
        return now.Return;
    }

    private DeviceReturn Read(int mode, int recnum, int bytesWanted, bool inband, out ImmutableArray<byte> data)
    {
        data = [];
        if (master.Read(target, (DeviceMode)mode, recnum, bytesWanted, inband, Sink()) is not { } now) return Deferred();
        data = ImmutableArray.Create(now.Data.Span);
        return now.Return;
    }

    private PortReplySink Sink() => new(request, server, (reply, req) => DeviceReplyMessages.Routine(reply, req, portOf));

    /// <summary>The I/O is queued with the sink, which holds the reply right; anything else the request carried is released.</summary>
    private DeviceReturn Deferred()
    {
        request.ReleaseUnclaimed(server);
        return (DeviceReturn)MigReturn.NoReply;
    }
}
