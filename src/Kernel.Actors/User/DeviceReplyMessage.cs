using System.Collections.Immutable;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.User;

/// <summary>
/// A device reply as a program reads it off its own reply port: the answer to a
/// <c>device_*_request</c> (ds_device_*_reply 2900, 2902-2905), decoded by the generated
/// <c>DeviceReplyServer</c>. <see cref="Return"/> is the device code, or a MIG code when the message is
/// not a well-formed device reply (MIG_BAD_ID, MIG_BAD_ARGUMENTS; MIG_SERVER_DIED for a send-once
/// notification, i.e. the kernel dropped the request's reply right), or a mach_msg code when the
/// receive failed.
/// </summary>
/// <param name="Id">The message id (the reply id: request id + 100); 0 when nothing was received.</param>
/// <param name="Return">The device code, or a MIG or mach_msg code.</param>
/// <param name="Device">For an open: the device port (a send right), else NULL.</param>
/// <param name="BytesWritten">For a write: the bytes written.</param>
/// <param name="Data">For a read: the bytes read.</param>
public sealed record DeviceReplyMessage(int Id, DeviceReturn Return, PortName Device, int BytesWritten, ImmutableArray<byte> Data)
{
    /// <summary>Decodes a received device reply (see the type's summary for the codes).</summary>
    /// <param name="message">The message as received.</param>
    /// <returns>The reply's fields.</returns>
    public static DeviceReplyMessage Decode(MachMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Header.Id;
        if (id == NotifyIds.SendOnce) return Failed(id, (int)MigReturn.ServerDied);
        var reader = new Reader();
        var result = DeviceReplyServer.Demux(message, reader);
        return result.RetCode == 0 && reader.Value is { } value ? value with { Id = id } : Failed(id, result.RetCode);
    }

    /// <summary>A reply that carries only a code.</summary>
    /// <param name="id">The message id (0: none).</param>
    /// <param name="code">The code.</param>
    /// <returns>The reply.</returns>
    public static DeviceReplyMessage Failed(int id, int code) => new(id, (DeviceReturn)code, PortName.Null, 0, []);

    private sealed class Reader : IDeviceReply
    {
        public DeviceReplyMessage? Value { get; private set; }

        public KernReturn DeviceOpenReply(PortName replyPort, DeviceReturn returnCode, PortName device) => Keep(returnCode, device, 0, []);

        public KernReturn DeviceWriteReply(PortName replyPort, DeviceReturn returnCode, int bytesWritten) => Keep(returnCode, PortName.Null, bytesWritten, []);

        public KernReturn DeviceWriteReplyInband(PortName replyPort, DeviceReturn returnCode, int bytesWritten) => Keep(returnCode, PortName.Null, bytesWritten, []);

        public KernReturn DeviceReadReply(PortName replyPort, DeviceReturn returnCode, ImmutableArray<byte> data) => Keep(returnCode, PortName.Null, 0, data);

        public KernReturn DeviceReadReplyInband(PortName replyPort, DeviceReturn returnCode, ImmutableArray<byte> data) => Keep(returnCode, PortName.Null, 0, data);

        private KernReturn Keep(DeviceReturn code, PortName device, int bytes, ImmutableArray<byte> data)
        {
            Value = new DeviceReplyMessage(0, code, device, bytes, data);
            return KernReturn.Success;
        }
    }
}
