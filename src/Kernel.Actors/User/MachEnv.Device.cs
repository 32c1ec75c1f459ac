using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.User;

/// <summary>
/// The device calls as programs make them (spec section 7): MIG RPCs on the device master port
/// (<see cref="DeviceMasterPort"/>, held only by the tasks the host starts) and on the per-device ports
/// device_open returns, through the generated stubs (<c>DeviceClient</c>, <c>DeviceRequestClient</c>).
/// Codes: the device's D_* code, a MIG code, or a mach_msg code (a forged or dead name:
/// SendInvalidDest), all as <see cref="DeviceReturn"/> values. The <c>Device*Request</c> forms only send:
/// the answer arrives later on the caller's reply port; <see cref="DeviceReceiveReply"/> reads it.
/// </summary>
/// <example>
/// <code>
/// var (code, console) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Write, "console");
/// await env.DeviceWriteInband(console, DeviceMode.None, 0, [.. "hello\n"u8]);
/// var reply = await env.MachReplyPort();
/// await env.DeviceReadRequest(disk, reply, DeviceMode.None, 0, 512);
/// var answer = await env.DeviceReceiveReply(reply);   // answer.Id == 2904, answer.Data.Length == 512
/// </code>
/// </example>
public sealed partial class MachEnv
{
    private DeviceClient DeviceStub => new(this);

    private DeviceRequestClient DeviceRequestStub => new(this);

    /// <summary>device_open (2800) on <paramref name="master"/>: a send right to device <paramref name="name"/>'s port.</summary>
    public async Task<(DeviceReturn Code, PortName Device)> DeviceOpen(PortName master, DeviceMode mode, string name) =>
        await DeviceStub.DeviceOpenAsync(master, (int)mode, name);

    /// <summary>device_close (2801): the last close closes the device (its port then answers D_NO_SUCH_DEVICE).</summary>
    public async Task<DeviceReturn> DeviceClose(PortName device) => await DeviceStub.DeviceCloseAsync(device);

    /// <summary>device_write (2802): the data travels out of line; answers when the write completes.</summary>
    public async Task<(DeviceReturn Code, int BytesWritten)> DeviceWrite(PortName device, DeviceMode mode, int recnum, ImmutableArray<byte> data) =>
        await DeviceStub.DeviceWriteAsync(device, (int)mode, recnum, data);

    /// <summary>device_write_inband (2803): at most 128 bytes inline.</summary>
    public async Task<(DeviceReturn Code, int BytesWritten)> DeviceWriteInband(PortName device, DeviceMode mode, int recnum, ImmutableArray<byte> data) =>
        await DeviceStub.DeviceWriteInbandAsync(device, (int)mode, recnum, data);

    /// <summary>device_read (2804): the data arrives out of line; answers when the read completes.</summary>
    public async Task<(DeviceReturn Code, ImmutableArray<byte> Data)> DeviceRead(PortName device, DeviceMode mode, int recnum, int bytesWanted) =>
        await DeviceStub.DeviceReadAsync(device, (int)mode, recnum, bytesWanted);

    /// <summary>device_read_inband (2805): at most 128 bytes inline.</summary>
    public async Task<(DeviceReturn Code, ImmutableArray<byte> Data)> DeviceReadInband(PortName device, DeviceMode mode, int recnum, int bytesWanted) =>
        await DeviceStub.DeviceReadInbandAsync(device, (int)mode, recnum, bytesWanted);

    /// <summary>device_get_status (2811): the flavor's words (<see cref="DeviceStatusFlavors"/>), at most <paramref name="count"/>.</summary>
    public async Task<(DeviceReturn Code, ImmutableArray<int> Status)> DeviceGetStatus(PortName device, int flavor, int count = 2)
    {
        var (code, bytes) = await DeviceStub.DeviceGetStatusAsync(device, flavor, count);
        return (code, InfoWords.Unpack(bytes));
    }

    /// <summary>device_set_status (2810).</summary>
    public async Task<DeviceReturn> DeviceSetStatus(PortName device, int flavor, ImmutableArray<int> status) =>
        await DeviceStub.DeviceSetStatusAsync(device, flavor, InfoWords.Pack(status.AsSpan()));

    /// <summary>device_open_request (2800): the answer (ds_device_open_reply 2900) goes to <paramref name="replyPort"/> (a receive right).</summary>
    public async Task<MachMsgReturn> DeviceOpenRequest(PortName master, PortName replyPort, DeviceMode mode, string name) =>
        await DeviceRequestStub.DeviceOpenRequestAsync(master, replyPort, (int)mode, name);

    /// <summary>device_write_request (2802): the answer (2902) goes to <paramref name="replyPort"/> when the write completes.</summary>
    public async Task<MachMsgReturn> DeviceWriteRequest(PortName device, PortName replyPort, DeviceMode mode, int recnum, ImmutableArray<byte> data) =>
        await DeviceRequestStub.DeviceWriteRequestAsync(device, replyPort, (int)mode, recnum, data);

    /// <summary>device_write_request_inband (2803): the answer is 2903.</summary>
    public async Task<MachMsgReturn> DeviceWriteRequestInband(PortName device, PortName replyPort, DeviceMode mode, int recnum, ImmutableArray<byte> data) =>
        await DeviceRequestStub.DeviceWriteRequestInbandAsync(device, replyPort, (int)mode, recnum, data);

    /// <summary>device_read_request (2804): the answer (2904, data out of line) goes to <paramref name="replyPort"/> when the read completes.</summary>
    public async Task<MachMsgReturn> DeviceReadRequest(PortName device, PortName replyPort, DeviceMode mode, int recnum, int bytesWanted) =>
        await DeviceRequestStub.DeviceReadRequestAsync(device, replyPort, (int)mode, recnum, bytesWanted);

    /// <summary>device_read_request_inband (2805): the answer is 2905.</summary>
    public async Task<MachMsgReturn> DeviceReadRequestInband(PortName device, PortName replyPort, DeviceMode mode, int recnum, int bytesWanted) =>
        await DeviceRequestStub.DeviceReadRequestInbandAsync(device, replyPort, (int)mode, recnum, bytesWanted);

    /// <summary>
    /// Receives one message on <paramref name="replyPort"/> (with <paramref name="timeout"/>, at most that
    /// long) and decodes it as a device reply (<see cref="DeviceReplyMessage"/>); a failed receive gives its
    /// mach_msg code.
    /// </summary>
    public async Task<DeviceReplyMessage> DeviceReceiveReply(PortName replyPort, Duration? timeout = null)
    {
        var received = await Receive(replyPort, timeout);
        return received is { Return: MachMsgReturn.Success, Message: { } message }
            ? DeviceReplyMessage.Decode(message)
            : DeviceReplyMessage.Failed(0, (int)received.Return);
    }
}
