using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Device;

/// <summary>device_open (2800): open device <paramref name="Name"/> through the master. Answer: <see cref="DeviceOpenReply"/>.</summary>
/// <param name="Master">Must be <see cref="DeviceHandle.Master"/> (else D_INVALID_OPERATION).</param>
/// <param name="Mode">D_READ | D_WRITE | D_NODELAY.</param>
/// <param name="Name">The device name, at most 127 characters.</param>
public sealed record DeviceOpen(DeviceHandle Master, DeviceMode Mode, string Name) : KernelRequest;

/// <summary>device_close (2801). Answer: <see cref="DeviceCloseReply"/>.</summary>
/// <param name="Device">The device.</param>
public sealed record DeviceClose(DeviceHandle Device) : KernelRequest;

/// <summary>device_read (2804) or device_read_inband (2805). Answer: <see cref="DeviceReadReply"/>, when the I/O completes.</summary>
/// <param name="Device">The device.</param>
/// <param name="Mode">D_NOWAIT or none.</param>
/// <param name="RecNum">The record (block) number; ignored by the console.</param>
/// <param name="BytesWanted">How many bytes.</param>
/// <param name="Inband">The inband form (at most <see cref="DeviceMaster.InbandMax"/> bytes).</param>
public sealed record DeviceRead(DeviceHandle Device, DeviceMode Mode, long RecNum, int BytesWanted, bool Inband = false) : KernelRequest;

/// <summary>device_write (2802) or device_write_inband (2803). Answer: <see cref="DeviceWriteReply"/>, when the I/O completes.</summary>
/// <param name="Device">The device.</param>
/// <param name="Mode">D_NOWAIT or none.</param>
/// <param name="RecNum">The record (block) number; ignored by the console.</param>
/// <param name="Data">The bytes.</param>
/// <param name="Inband">The inband form (at most <see cref="DeviceMaster.InbandMax"/> bytes).</param>
public sealed record DeviceWrite(DeviceHandle Device, DeviceMode Mode, long RecNum, ReadOnlyMemory<byte> Data, bool Inband = false) : KernelRequest;

/// <summary>device_get_status (2811). Answer: <see cref="DeviceGetStatusReply"/>.</summary>
/// <param name="Device">The device.</param>
/// <param name="Flavor">Which status (<see cref="DeviceStatusFlavors"/>).</param>
/// <param name="Count">Room for status words.</param>
public sealed record DeviceGetStatus(DeviceHandle Device, int Flavor, int Count) : KernelRequest;

/// <summary>device_set_status (2810). Answer: <see cref="DeviceSetStatusReply"/>.</summary>
/// <param name="Device">The device.</param>
/// <param name="Flavor">Which status.</param>
/// <param name="Status">The status words.</param>
public sealed record DeviceSetStatus(DeviceHandle Device, int Flavor, IReadOnlyList<int> Status) : KernelRequest;

/// <summary>
/// device_open_request (2800, a simpleroutine): like <see cref="DeviceOpen"/>, but the
/// <see cref="DeviceOpenReply"/> goes to <paramref name="ReplyTo"/> (ds_device_open_reply 2900). The
/// caller is answered <see cref="KernReturn.Success"/> at once (the request was sent).
/// </summary>
/// <param name="Master">Must be the master.</param>
/// <param name="Mode">D_READ | D_WRITE | D_NODELAY.</param>
/// <param name="Name">The device name.</param>
/// <param name="ReplyTo">Where the reply goes.</param>
public sealed record DeviceOpenRequest(DeviceHandle Master, DeviceMode Mode, string Name, IDeviceReplySink ReplyTo) : KernelRequest;

/// <summary>
/// device_read_request (2804) or device_read_request_inband (2805): like <see cref="DeviceRead"/>, but
/// the <see cref="DeviceReadReply"/> (also an immediate failure) goes to <paramref name="ReplyTo"/>
/// (ds_device_read_reply 2904 / _inband 2905); the caller is answered <see cref="KernReturn.Success"/> at once.
/// </summary>
/// <param name="Device">The device.</param>
/// <param name="Mode">D_NOWAIT or none.</param>
/// <param name="RecNum">The record number.</param>
/// <param name="BytesWanted">How many bytes.</param>
/// <param name="ReplyTo">Where the reply goes.</param>
/// <param name="Inband">The inband form.</param>
public sealed record DeviceReadRequest(DeviceHandle Device, DeviceMode Mode, long RecNum, int BytesWanted, IDeviceReplySink ReplyTo, bool Inband = false) : KernelRequest;

/// <summary>
/// device_write_request (2802) or device_write_request_inband (2803): like <see cref="DeviceWrite"/>,
/// but the <see cref="DeviceWriteReply"/> goes to <paramref name="ReplyTo"/> (2902 / 2903); the caller
/// is answered <see cref="KernReturn.Success"/> at once.
/// </summary>
/// <param name="Device">The device.</param>
/// <param name="Mode">D_NOWAIT or none.</param>
/// <param name="RecNum">The record number.</param>
/// <param name="Data">The bytes.</param>
/// <param name="ReplyTo">Where the reply goes.</param>
/// <param name="Inband">The inband form.</param>
public sealed record DeviceWriteRequest(DeviceHandle Device, DeviceMode Mode, long RecNum, ReadOnlyMemory<byte> Data, IDeviceReplySink ReplyTo, bool Inband = false) : KernelRequest;

/// <summary>Host -> device server: answer with <see cref="DeviceStats"/>.</summary>
public sealed record GetDeviceStats : KernelRequest;

/// <summary>
/// Host -> device server: answer with the <see cref="Ipc.PortStatus"/> of a device's port (null
/// <paramref name="Name"/>: the master port); its result is InvalidName while the device has no port yet.
/// </summary>
/// <param name="Name">The device name, or null for the master.</param>
public sealed record GetDevicePortStatus(string? Name) : KernelRequest;
