using System.Globalization;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// The UNIX server's file system on a block device (docs/UNIX-FS.md): a superblock, a free-block
/// bitmap, an inode table, and data blocks; directories are files of fixed-size entries; files have
/// 12 direct block pointers and one single-indirect block (<see cref="MaxFileSize"/>; beyond it EFBIG).
/// Metadata and data go through a small write-back <see cref="BlockCache"/>: nothing reaches the device
/// before <see cref="Sync"/> or an eviction. Obtained from <see cref="Mount(IBlockDevice, int)"/> (or
/// <see cref="MountOrFormat"/>); <see cref="Format"/> makes a new one (mkfs).
/// </summary>
/// <remarks>
/// One operation at a time: the server awaits each call before the next; a call made while another is
/// still waiting for the device answers EAGAIN and changes nothing. Unlink frees a node at once (there
/// is no open-file count here): later operations on its inode answer ENOENT. The file pager reads and
/// writes pages with <see cref="Read"/> and <see cref="Write"/> by inode and page offset. Never throws
/// on device failures or damaged contents: those are EIO.
/// </remarks>
public sealed partial class DiskFileSystem : IUnixFileSystem
{
    private bool _busy;

    private DiskFileSystem(IBlockDevice device, DiskSuperblock superblock, int cacheBlocks, DiskFsSeededBug bug)
    {
        Superblock = superblock;
        Cache = new BlockCache(device, cacheBlocks);
        SeededBug = bug;
        MaxFileSize = DiskInode.MaxFileSize(superblock.BlockSize);
    }

    /// <summary>The layout in use.</summary>
    public DiskSuperblock Superblock { get; }

    /// <summary>The block cache (for statistics).</summary>
    public BlockCache Cache { get; }

    /// <summary>The largest file, in bytes: (12 + block size / 4) x block size.</summary>
    public long MaxFileSize { get; }

    /// <summary>Data blocks free now.</summary>
    public long FreeBlocks { get; private set; }

    /// <summary>Inodes free now.</summary>
    public long FreeInodes { get; private set; }

    internal DiskFsSeededBug SeededBug { get; }

    private int BlockSize => Superblock.BlockSize;

    /// <summary>
    /// Mounts the file system on <paramref name="device"/> with a cache of <paramref name="cacheBlocks"/>
    /// blocks: reads and validates the superblock (magic, version, checksum, block size, counts against the
    /// device, regions), checks that the bitmap marks every metadata block used, that every inode's kind
    /// is known and that the root is a directory, and counts the free blocks and inodes. Block 0 all zeros
    /// is <see cref="MountStatus.Unformatted"/>; anything wrong is <see cref="MountStatus.Damaged"/> with
    /// one line naming it; a device failure is <see cref="MountStatus.IoError"/>.
    /// </summary>
    public static Task<MountResult> Mount(IBlockDevice device, int cacheBlocks = 64) => Mount(device, cacheBlocks, DiskFsSeededBug.None);

    internal static async Task<MountResult> Mount(IBlockDevice device, int cacheBlocks, DiskFsSeededBug bug)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.BlockSize < DiskSuperblock.MinBlockSize) return Damaged($"the device's blocks of {device.BlockSize} bytes are too small for this file system");
        var block0 = new byte[device.BlockSize];
        if (await device.ReadBlock(0, block0) is not Errno.None and var error) return new MountResult(MountStatus.IoError, null, $"cannot read the superblock: {error}");
        if (!block0.AsSpan().ContainsAnyExcept((byte)0)) return new MountResult(MountStatus.Unformatted, null, "the disk is not formatted (block 0 is all zeros)");
        if (DiskSuperblock.Validate(block0, device.BlockSize, device.BlockCount) is { } problem) return Damaged(problem);
        var fs = new DiskFileSystem(device, DiskSuperblock.Decode(block0).Superblock, cacheBlocks, bug);
        var (loadError, damage) = await fs.Load();
        if (loadError != Errno.None) return new MountResult(MountStatus.IoError, null, $"cannot read the file system's metadata: {loadError}");
        return damage is null ? new MountResult(MountStatus.Mounted, fs, null) : Damaged(damage);
    }

    /// <summary>Mounts <paramref name="device"/>, formatting it first when it is <see cref="MountStatus.Unformatted"/> (a fresh disk).</summary>
    public static async Task<MountResult> MountOrFormat(IBlockDevice device, int cacheBlocks = 64)
    {
        var mounted = await Mount(device, cacheBlocks);
        if (mounted.Status != MountStatus.Unformatted) return mounted;
        var (error, problem) = await Format(device);
        return error == Errno.None ? await Mount(device, cacheBlocks) : new MountResult(error == Errno.EIO ? MountStatus.IoError : MountStatus.Damaged, null, problem);
    }

    /// <inheritdoc />
    public Task<Errno> Sync() => Exclusive(() => Cache.Flush(), Errno.EAGAIN);

    /// <summary>Runs <paramref name="operation"/> unless another is in progress (then answers <paramref name="busy"/>).</summary>
    private async Task<T> Exclusive<T>(Func<Task<T>> operation, T busy)
    {
        if (_busy) return busy;
        _busy = true;
        try
        {
            return await operation();
        }
        finally
        {
            _busy = false;
        }
    }

    private static MountResult Damaged(string problem) => new(MountStatus.Damaged, null, "damaged file system: " + problem);

    /// <summary>Mount's checks after the superblock: returns a device error, or the damage found (null: none); counts the free blocks and inodes.</summary>
    private async Task<(Errno Error, string? Damage)> Load()
    {
        var inv = CultureInfo.InvariantCulture;
        long free = 0;
        for (long b = 0; b < Superblock.BlockCount; b++)
        {
            var (error, used) = await BitOf(b);
            if (error != Errno.None) return (error, null);
            if (b < Superblock.DataStart && !used) return (Errno.None, string.Create(inv, $"the bitmap marks metadata block {b} free"));
            if (!used) free++;
        }
        FreeBlocks = free;
        long freeInodes = 0;
        for (long ino = 1; ino < Superblock.InodeCount; ino++)
        {
            var (error, node, raw) = await ReadInodeRaw(ino);
            if (error != Errno.None) return (error, null);
            if (!DiskInode.KnownKind(raw)) return (Errno.None, string.Create(inv, $"inode {ino} has the unknown kind {raw}"));
            if (!node!.InUse) freeInodes++;
            if (ino == Superblock.RootInode && node.Kind != FileKind.Directory) return (Errno.None, string.Create(inv, $"the root inode {ino} is not a directory"));
        }
        FreeInodes = freeInodes;
        return (Errno.None, null);
    }
}
