using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Device;

/// <summary>
/// <see cref="IDeviceRequest"/> for one request that arrived on a device port: the reply port the
/// request carried becomes its reply right, and every answer, an immediate failure included, goes there
/// as the <see cref="IDeviceReply"/> simpleroutine (through a <see cref="PortReplySink"/>). Each routine
/// returns MIG_NO_REPLY, so the server loop leaves the request to the sink. A NULL reply port: the call
/// is still made and its answer dropped.
/// </summary>
/// <param name="master">The device layer.</param>
/// <param name="request">The request.</param>
/// <param name="target">The device the request's port stands for.</param>
/// <param name="server">The device server.</param>
/// <param name="portOf">A device's port (made on first use).</param>
internal sealed class DeviceRequestRoutines(DeviceMaster master, KernelPortRequest request, DeviceHandle target, IActorRef server, Func<DeviceHandle, PortRef> portOf) : IDeviceRequest
{
    /// <summary>device_open_request: answered at once on the reply port (ds_device_open_reply).</summary>
    public DeviceReturn DeviceOpenRequest(PortName masterPort, PortName replyPort, int mode, string name)
    {
        Sink(replyPort).Send(master.Open(target, (DeviceMode)mode, name));
        return (DeviceReturn)MigReturn.NoReply;
    }

    /// <summary>device_write_request: ds_device_write_reply when the write completes (or at once on a failure).</summary>
    public DeviceReturn DeviceWriteRequest(PortName device, PortName replyPort, int mode, int recnum, ImmutableArray<byte> data)
    {
        var sink = Sink(replyPort);
        return Done(sink, master.Write(target, (DeviceMode)mode, recnum, data.AsMemory(), inband: false, sink));
    }

    /// <summary>device_write_request_inband: ds_device_write_reply_inband.</summary>
    public DeviceReturn DeviceWriteRequestInband(PortName device, PortName replyPort, int mode, int recnum, ImmutableArray<byte> data)
    {
        var sink = Sink(replyPort);
        return Done(sink, master.Write(target, (DeviceMode)mode, recnum, data.AsMemory(), inband: true, sink));
    }

    /// <summary>device_read_request: ds_device_read_reply when the read completes (or at once on a failure).</summary>
    public DeviceReturn DeviceReadRequest(PortName device, PortName replyPort, int mode, int recnum, int bytesWanted)
    {
        var sink = Sink(replyPort);
        return Done(sink, master.Read(target, (DeviceMode)mode, recnum, bytesWanted, inband: false, sink));
    }

    /// <summary>device_read_request_inband: ds_device_read_reply_inband.</summary>
    public DeviceReturn DeviceReadRequestInband(PortName device, PortName replyPort, int mode, int recnum, int bytesWanted)
    {
        var sink = Sink(replyPort);
        return Done(sink, master.Read(target, (DeviceMode)mode, recnum, bytesWanted, inband: true, sink));
    }

    private PortReplySink Sink(PortName replyPort)
    {
        request.UseAsReply(replyPort);
        return new PortReplySink(request, server, (reply, req) => DeviceReplyMessages.Simple(reply, req, portOf));
    }

    /// <summary>An immediate answer goes to the sink now; a queued one later (the request keeps only the reply right meanwhile).</summary>
    private DeviceReturn Done(PortReplySink sink, DeviceReply? now)
    {
        if (now is not null) sink.Send(now);
        else request.ReleaseUnclaimed(server);
        return (DeviceReturn)MigReturn.NoReply;
    }
}
