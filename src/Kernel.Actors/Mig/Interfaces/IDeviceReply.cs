using System.Collections.Immutable;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>device_reply</c> (base 2900, GNU <c>device_reply.defs</c>): the kernel's answers to the
/// <see cref="IDeviceRequest"/> forms, simpleroutines sent through the request's reply port. Their ids
/// and bodies (RetCode, then the out values) equal the synchronous replies of <see cref="IDevice"/>, so one
/// reply demux (<c>DeviceReplyServer.Demux</c>) reads both, as long as the reply has its full shape (the
/// kernel always sends these in full, also on failure). The kernel builds them with the generated user
/// stubs (<c>DeviceReplyClient</c>), as GNU Mach's io-done thread calls <c>ds_device_*_reply</c>; a program
/// reads them with <c>DeviceReplyServer</c>. Slot 2901 (close has no request form) is skipped.
/// </summary>
[MigSubsystem("device_reply", 2900)]
public interface IDeviceReply
{
    /// <summary>ds_device_open_reply (2900).</summary>
    /// <param name="replyPort">The request's reply port (its send-once right).</param>
    /// <param name="returnCode">The device code.</param>
    /// <param name="device">A send right to the device's port (NULL on failure).</param>
    /// <returns>KERN_SUCCESS when the receiver consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn DeviceOpenReply([MigPort(MsgType.MoveSendOnce)] PortName replyPort, DeviceReturn returnCode, [MigPort(MsgType.MoveSend)] PortName device);

    /// <summary>ds_device_write_reply (2902).</summary>
    /// <param name="replyPort">The request's reply port.</param>
    /// <param name="returnCode">The device code.</param>
    /// <param name="bytesWritten">How many bytes were written.</param>
    /// <returns>KERN_SUCCESS when the receiver consumed the message.</returns>
    [MigSimpleRoutine(2)]
    KernReturn DeviceWriteReply([MigPort(MsgType.MoveSendOnce)] PortName replyPort, DeviceReturn returnCode, int bytesWritten);

    /// <summary>ds_device_write_reply_inband (2903).</summary>
    /// <param name="replyPort">The request's reply port.</param>
    /// <param name="returnCode">The device code.</param>
    /// <param name="bytesWritten">How many bytes were written.</param>
    /// <returns>KERN_SUCCESS when the receiver consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn DeviceWriteReplyInband([MigPort(MsgType.MoveSendOnce)] PortName replyPort, DeviceReturn returnCode, int bytesWritten);

    /// <summary>ds_device_read_reply (2904): the data out of line.</summary>
    /// <param name="replyPort">The request's reply port.</param>
    /// <param name="returnCode">The device code.</param>
    /// <param name="data">The bytes read (empty on failure).</param>
    /// <returns>KERN_SUCCESS when the receiver consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn DeviceReadReply([MigPort(MsgType.MoveSendOnce)] PortName replyPort, DeviceReturn returnCode, [MigOutOfLine(deallocate: true)] ImmutableArray<byte> data);

    /// <summary>ds_device_read_reply_inband (2905): at most 128 bytes inline.</summary>
    /// <param name="replyPort">The request's reply port.</param>
    /// <param name="returnCode">The device code.</param>
    /// <param name="data">The bytes read (empty on failure).</param>
    /// <returns>KERN_SUCCESS when the receiver consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn DeviceReadReplyInband([MigPort(MsgType.MoveSendOnce)] PortName replyPort, DeviceReturn returnCode, [MigMaxCount(128)] ImmutableArray<byte> data);
}
