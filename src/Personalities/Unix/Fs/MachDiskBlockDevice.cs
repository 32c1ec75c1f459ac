using System.Collections.Immutable;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// A block device over the machine's Disk, for a file system running inside a task (the UNIX server):
/// every block is one device_read or device_write RPC on the disk's device port through the task's
/// <see cref="MachEnv"/>, so the calling thread waits the disk's modelled latency. A file system block
/// is a whole number of the disk's records (<see cref="SectorsPerBlock"/>); file system block b starts
/// at the disk's record b x SectorsPerBlock. Any failed device call is EIO.
/// </summary>
public sealed class MachDiskBlockDevice : IBlockDevice
{
    private readonly MachEnv _env;

    private MachDiskBlockDevice(MachEnv env, PortName disk, int blockSize, long blockCount, int sectorsPerBlock)
    {
        _env = env;
        Disk = disk;
        BlockSize = blockSize;
        BlockCount = blockCount;
        SectorsPerBlock = sectorsPerBlock;
    }

    /// <summary>The disk's device port (a send right in the task's space).</summary>
    public PortName Disk { get; }

    /// <inheritdoc />
    public int BlockSize { get; }

    /// <inheritdoc />
    public long BlockCount { get; }

    /// <summary>The disk's records in one block.</summary>
    public int SectorsPerBlock { get; }

    /// <summary>
    /// Opens the disk <paramref name="deviceName"/> for reading and writing through the task's device
    /// master port and asks its size (DEV_GET_SIZE), as blocks of <paramref name="blockSize"/> bytes
    /// (the disk's trailing records that do not fill a block are not used). ENOENT: no such device;
    /// EINVAL: <paramref name="blockSize"/> is not a positive multiple of the disk's record size, or
    /// the disk holds no whole block; EIO: any other failure (the task holds no master port, the disk
    /// is read-only, ...).
    /// </summary>
    public static async Task<(Errno Error, MachDiskBlockDevice? Device)> Open(MachEnv env, string deviceName = "disk0", int blockSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(env);
        var (opened, disk) = await env.DeviceOpen(env.DeviceMasterPort, DeviceMode.Read | DeviceMode.Write, deviceName);
        if (opened == DeviceReturn.NoSuchDevice) return (Errno.ENOENT, null);
        if (opened != DeviceReturn.Success) return (Errno.EIO, null);
        var (code, status) = await env.DeviceGetStatus(disk, DeviceStatusFlavors.GetSize, DeviceStatusFlavors.GetSizeCount);
        if (code != DeviceReturn.Success || status.Length < 2 || status[1] <= 0) return (Errno.EIO, null);
        var (bytes, sector) = (status[0], status[1]);
        if (blockSize <= 0 || blockSize % sector != 0 || bytes / blockSize < 1) return (Errno.EINVAL, null);
        return (Errno.None, new MachDiskBlockDevice(env, disk, blockSize, bytes / blockSize, blockSize / sector));
    }

    /// <inheritdoc />
    public async Task<Errno> ReadBlock(long block, Memory<byte> into)
    {
        if (block < 0 || block >= BlockCount || into.Length != BlockSize) return Errno.EINVAL;
        var (code, data) = await _env.DeviceRead(Disk, DeviceMode.None, Record(block), BlockSize);
        if (code != DeviceReturn.Success || data.Length != BlockSize) return Errno.EIO;
        data.AsSpan().CopyTo(into.Span);
        return Errno.None;
    }

    /// <inheritdoc />
    public async Task<Errno> WriteBlock(long block, ReadOnlyMemory<byte> data)
    {
        if (block < 0 || block >= BlockCount || data.Length != BlockSize) return Errno.EINVAL;
        var (code, written) = await _env.DeviceWrite(Disk, DeviceMode.None, Record(block), ImmutableArray.Create(data.Span));
        return code == DeviceReturn.Success && written == BlockSize ? Errno.None : Errno.EIO;
    }

    private int Record(long block) => checked((int)(block * SectorsPerBlock)); // BlockCount came from an int byte count, so it fits
}
