using System.Collections.Immutable;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>device</c> (base 2800, spec section 7). Every device routine may answer later: the
/// server keeps the <see cref="MigReplyHandle"/> (MIG's <c>sreplyport</c>) with the I/O request,
/// returns MIG_NO_REPLY, and sends <c>DeviceServer.{Routine}Reply(...)</c> when the I/O completes.
/// Slots 2806-2809 (the obsolete xxx_ calls and device_map) are skipped. Generated:
/// <c>DeviceClient</c>, <c>DeviceServer</c>.
/// </summary>
[MigSubsystem("device", 2800)]
public interface IDevice
{
    /// <summary>device_open (2800): a send right to the named device's port; counts opens.</summary>
    /// <param name="masterPort">The device master port.</param>
    /// <param name="reply">The reply right, for a deferred answer.</param>
    /// <param name="mode">D_READ 1 | D_WRITE 2 | D_NODELAY 4.</param>
    /// <param name="name">The device's name (at most 127 bytes).</param>
    /// <param name="device">The device port (a send right).</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceOpen(PortName masterPort, MigReplyHandle reply, int mode, [MigMaxCount(127)] string name, [MigPort(MsgType.MoveSend)] out PortName device);

    /// <summary>device_close (2801): drops one open; the last closes the device.</summary>
    /// <param name="device">The device port.</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceClose(PortName device);

    /// <summary>device_write (2802): writes data (out of line) at record <paramref name="recnum"/>.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="reply">The reply right, for a deferred answer.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The device-defined record or block number.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="bytesWritten">How many bytes were written.</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceWrite(PortName device, MigReplyHandle reply, int mode, int recnum, [MigOutOfLine] ImmutableArray<byte> data, out int bytesWritten);

    /// <summary>device_write_inband (2803): as <see cref="DeviceWrite"/> with at most 128 bytes inline.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="reply">The reply right, for a deferred answer.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="data">The bytes (at most 128).</param>
    /// <param name="bytesWritten">How many bytes were written.</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceWriteInband(PortName device, MigReplyHandle reply, int mode, int recnum, [MigMaxCount(128)] ImmutableArray<byte> data, out int bytesWritten);

    /// <summary>device_read (2804): reads up to <paramref name="bytesWanted"/> bytes; the data arrives out of line.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="reply">The reply right, for a deferred answer.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="bytesWanted">How many bytes to read.</param>
    /// <param name="data">The bytes read.</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceRead(PortName device, MigReplyHandle reply, int mode, int recnum, int bytesWanted, [MigOutOfLine(deallocate: true)] out ImmutableArray<byte> data);

    /// <summary>device_read_inband (2805): as <see cref="DeviceRead"/> with at most 128 bytes inline.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="reply">The reply right, for a deferred answer.</param>
    /// <param name="mode">D_NOWAIT 8 or 0.</param>
    /// <param name="recnum">The record number.</param>
    /// <param name="bytesWanted">How many bytes to read.</param>
    /// <param name="data">The bytes read (at most 128).</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceReadInband(PortName device, MigReplyHandle reply, int mode, int recnum, int bytesWanted, [MigMaxCount(128)] out ImmutableArray<byte> data);

    /// <summary>device_set_status (2810): sets one flavor of device status (int32 words, little-endian).</summary>
    /// <param name="device">The device port.</param>
    /// <param name="flavor">The device-defined flavor.</param>
    /// <param name="status">The status words, 4 bytes each (at most 1024 words).</param>
    /// <returns>The device code.</returns>
    [MigSkip(4)]
    [MigRoutine]
    DeviceReturn DeviceSetStatus(PortName device, int flavor, [MigMaxCount(4096)] ImmutableArray<byte> status);

    /// <summary>device_get_status (2811): reads one flavor of device status.</summary>
    /// <param name="device">The device port.</param>
    /// <param name="flavor">The device-defined flavor.</param>
    /// <param name="statusCount">The most int32 words the caller accepts (CountInOut).</param>
    /// <param name="status">The status words, 4 bytes each.</param>
    /// <returns>The device code.</returns>
    [MigRoutine]
    DeviceReturn DeviceGetStatus(PortName device, int flavor, int statusCount, [MigMaxCount(4096)] out ImmutableArray<byte> status);
}
