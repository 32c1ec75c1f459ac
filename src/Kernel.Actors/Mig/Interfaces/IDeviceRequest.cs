using System.Collections.Immutable;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>device_request</c> (base 2800, spec section 7, GNU <c>device_request.defs</c>): the
/// asynchronous forms of the device calls, simpleroutines with the same ids as the routines of
/// <see cref="IDevice"/>. The caller supplies its own reply port and does not wait; the kernel answers
/// later with the matching <see cref="IDeviceReply"/> simpleroutine (id + 100) on that port. Our MIG has
/// no <c>ureplyport</c>, so the reply port travels as the first body item (a send-once right made from
/// the caller's receive right) and the header carries no reply port; that is how the kernel tells these
/// from the synchronous routines. Generated: <c>DeviceRequestClient</c>, <c>DeviceRequestServer</c>.
/// </summary>
[MigSubsystem("device_request", 2800)]
public interface IDeviceRequest
{
    /// <summary>device_open_request (2800): opens <paramref name="name"/>; the answer is ds_device_open_reply (2900).</summary>
    /// <param name="masterPort">The device master port.</param>
    /// <param name="replyPort">Where the answer goes (MAKE_SEND_ONCE from the caller's receive right).</param>
    /// <param name="mode">D_READ 1 | D_WRITE 2 | D_NODELAY 4.</param>
    /// <param name="name">The device's name (at most 127 bytes).</param>
    /// <returns>For the server loop: MIG_NO_REPLY once the request is taken.</returns>
    [MigSimpleRoutine]
    DeviceReturn DeviceOpenRequest(PortName masterPort, [MigPort(MsgType.MakeSendOnce)] PortName replyPort, int mode, [MigMaxCount(127)] string name);

    /// <summary>device_write_request (2802): writes <paramref name="data"/> (out of line); the answer is ds_device_write_reply (2902).</summary>
    /// <param name="device">The device port.</param>
    /// <param name="replyPort">Where the answer goes.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="data">The bytes.</param>
    /// <returns>For the server loop: MIG_NO_REPLY once the request is taken.</returns>
    [MigSimpleRoutine(2)]
    DeviceReturn DeviceWriteRequest(PortName device, [MigPort(MsgType.MakeSendOnce)] PortName replyPort, int mode, int recnum, [MigOutOfLine] ImmutableArray<byte> data);

    /// <summary>device_write_request_inband (2803): at most 128 bytes inline; the answer is ds_device_write_reply_inband (2903).</summary>
    /// <param name="device">The device port.</param>
    /// <param name="replyPort">Where the answer goes.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="data">The bytes (at most 128).</param>
    /// <returns>For the server loop: MIG_NO_REPLY once the request is taken.</returns>
    [MigSimpleRoutine]
    DeviceReturn DeviceWriteRequestInband(PortName device, [MigPort(MsgType.MakeSendOnce)] PortName replyPort, int mode, int recnum, [MigMaxCount(128)] ImmutableArray<byte> data);

    /// <summary>device_read_request (2804): the answer is ds_device_read_reply (2904), data out of line.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="replyPort">Where the answer goes.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="bytesWanted">How many bytes to read.</param>
    /// <returns>For the server loop: MIG_NO_REPLY once the request is taken.</returns>
    [MigSimpleRoutine]
    DeviceReturn DeviceReadRequest(PortName device, [MigPort(MsgType.MakeSendOnce)] PortName replyPort, int mode, int recnum, int bytesWanted);

    /// <summary>device_read_request_inband (2805): the answer is ds_device_read_reply_inband (2905), at most 128 bytes inline.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="replyPort">Where the answer goes.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="bytesWanted">How many bytes to read.</param>
    /// <returns>For the server loop: MIG_NO_REPLY once the request is taken.</returns>
    [MigSimpleRoutine]
    DeviceReturn DeviceReadRequestInband(PortName device, [MigPort(MsgType.MakeSendOnce)] PortName replyPort, int mode, int recnum, int bytesWanted);
}
