using System.Globalization;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>mkfs: a new, empty file system with the standard tree.</summary>
public sealed partial class DiskFileSystem
{
    /// <summary>The directories every new file system has (besides the root), in creation order.</summary>
    public static readonly IReadOnlyList<string> StandardDirectories = ["/dev", "/bin", "/tmp"];

    /// <summary>The console's device node every new file system has.</summary>
    public const string ConsolePath = "/dev/console";

    /// <summary>
    /// mkfs: writes a new file system over the whole of <paramref name="device"/> with at least
    /// <paramref name="inodes"/> inodes (default: one per 4 blocks, 16 to 65,536): a zeroed bitmap and
    /// inode table, the root directory, /dev, /bin, /tmp and the character device /dev/console. Whatever
    /// the device held is lost. The superblock is written last, so a format cut short never mounts.
    /// EINVAL with a reason when the device is too small (or its blocks are); EIO when the device fails.
    /// </summary>
    public static async Task<(Errno Error, string? Problem)> Format(IBlockDevice device, int? inodes = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (DiskSuperblock.Plan(device.BlockSize, device.BlockCount, inodes) is not { } plan)
        {
            return (Errno.EINVAL, string.Create(CultureInfo.InvariantCulture,
                $"cannot format {device.BlockCount} blocks of {device.BlockSize} bytes with {(inodes is { } n ? n.ToString(CultureInfo.InvariantCulture) : "the default")} inodes: too small (blocks of at least {DiskSuperblock.MinBlockSize} bytes, a multiple of {DiskInode.Size}; room for the metadata and a data block)"));
        }
        var fs = new DiskFileSystem(device, plan, 64, DiskFsSeededBug.None);
        var error = await fs.Lay();
        if (error == Errno.None) error = await fs.Cache.Flush();
        if (error == Errno.None) error = await device.WriteBlock(0, plan.Encode());
        return error == Errno.None ? (Errno.None, null) : (error, $"formatting failed: {error}");
    }

    /// <summary>Format's work below the superblock, in the cache.</summary>
    private async Task<Errno> Lay()
    {
        for (var block = Superblock.BitmapStart; block < Superblock.DataStart; block++)
        {
            if ((await Cache.GetZeroed(block)).Error is not Errno.None and var error) return error;
        }
        for (long block = 0; block < Superblock.DataStart; block++)
        {
            if (await SetBit(block, true) is not Errno.None and var error) return error;
        }
        FreeBlocks = Superblock.BlockCount - Superblock.DataStart;
        FreeInodes = Superblock.InodeCount - 2; // slot 0 is never used; the root takes 1
        var root = await WriteInode(Superblock.RootInode, new DiskInode { Kind = FileKind.Directory, Links = 1 });
        if (root != Errno.None) return root;
        foreach (var dir in StandardDirectories)
        {
            if ((await MakeNode(dir, FileKind.Directory, exclusive: true)).Error is not Errno.None and var error) return error;
        }
        return (await MakeNode(ConsolePath, FileKind.CharDevice, exclusive: true)).Error;
    }
}
