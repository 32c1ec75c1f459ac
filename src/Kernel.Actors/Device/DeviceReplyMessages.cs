using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;
using DeviceMig = MachActors.Kernel.Mig.Interfaces.DeviceServer;

namespace MachActors.Kernel.Device;

/// <summary>
/// Turns a <see cref="DeviceReply"/> into its MIG message, always through generated code: the reply of
/// a synchronous <see cref="IDevice"/> routine (<c>DeviceServer.{Routine}Reply</c>, the short error
/// reply on failure), or the <see cref="IDeviceReply"/> simpleroutine of a <c>device_*_request</c>
/// (built by the generated <c>DeviceReplyClient</c> stub on a transport that keeps the message, as GNU
/// Mach's io-done thread calls the <c>ds_device_*_reply</c> user stubs; always the full shape).
/// </summary>
internal static class DeviceReplyMessages
{
    /// <summary>
    /// The synchronous reply for <paramref name="request"/> (its own reply handle). An open's device
    /// becomes a send right made from its port (<paramref name="portOf"/>). Null: no reply right, or a
    /// reply kind no routine defers.
    /// </summary>
    public static MachMessage? Routine(DeviceReply reply, KernelPortRequest request, Func<DeviceHandle, PortRef> portOf)
    {
        var handle = MigReplyHandle.For(request.Message);
        return reply switch
        {
            DeviceOpenReply o => DeviceMig.DeviceOpenReply(handle, o.Return, Give(o, request, portOf)),
            DeviceWriteReply { Inband: false } w => DeviceMig.DeviceWriteReply(handle, w.Return, w.BytesWritten),
            DeviceWriteReply w => DeviceMig.DeviceWriteInbandReply(handle, w.Return, w.BytesWritten),
            DeviceReadReply { Inband: false } r => DeviceMig.DeviceReadReply(handle, r.Return, Bytes(r)),
            DeviceReadReply r => DeviceMig.DeviceReadInbandReply(handle, r.Return, Bytes(r)),
            _ => null,
        };
    }

    /// <summary>
    /// The ds_device_*_reply message to the request's reply right (<see cref="KernelPortRequest.ReplyName"/>),
    /// RetCode and out values in full even on failure. Null: a reply kind without a request form.
    /// </summary>
    public static MachMessage? Simple(DeviceReply reply, KernelPortRequest request, Func<DeviceHandle, PortRef> portOf)
    {
        var port = request.ReplyName;
        var transport = new KeepingTransport();
        var stub = new DeviceReplyClient(transport);
        var sent = reply switch
        {
            DeviceOpenReply o => stub.DeviceOpenReplyAsync(port, o.Return, Give(o, request, portOf)),
            DeviceWriteReply { Inband: false } w => stub.DeviceWriteReplyAsync(port, w.Return, w.BytesWritten),
            DeviceWriteReply w => stub.DeviceWriteReplyInbandAsync(port, w.Return, w.BytesWritten),
            DeviceReadReply { Inband: false } r => stub.DeviceReadReplyAsync(port, r.Return, Bytes(r)),
            DeviceReadReply r => stub.DeviceReadReplyInbandAsync(port, r.Return, Bytes(r)),
            _ => new ValueTask<MachMsgReturn>(MachMsgReturn.SendInvalidData),
        };
        return transport.Kept(sent);
    }

    private static PortName Give(DeviceOpenReply open, KernelPortRequest request, Func<DeviceHandle, PortRef> portOf) =>
        open is { Return: DeviceReturn.Success, Device: { } device } ? request.GiveMadeSend(portOf(device)) : PortName.Null;

    private static ImmutableArray<byte> Bytes(DeviceReadReply read) => ImmutableArray.Create(read.Data.Span);
}
