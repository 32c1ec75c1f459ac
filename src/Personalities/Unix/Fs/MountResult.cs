namespace MachActors.Personalities.Unix.Fs;

/// <summary>How a mount of a disk file system ended.</summary>
public enum MountStatus
{
    /// <summary>The file system is mounted.</summary>
    Mounted,

    /// <summary>Block 0 is all zeros: a fresh disk, to be formatted (<see cref="DiskFileSystem.Format"/>).</summary>
    Unformatted,

    /// <summary>The image is damaged or not this file system; <see cref="MountResult.Error"/> says what is wrong.</summary>
    Damaged,

    /// <summary>The device failed while the superblock, bitmap or inodes were read.</summary>
    IoError,
}

/// <summary>The outcome of <see cref="DiskFileSystem.Mount(IBlockDevice, int)"/>.</summary>
/// <param name="Status">Mounted, or why not.</param>
/// <param name="FileSystem">The mounted file system (only when <see cref="MountStatus.Mounted"/>).</param>
/// <param name="Error">One line naming what is wrong (null when mounted).</param>
public sealed record MountResult(MountStatus Status, DiskFileSystem? FileSystem, string? Error);

/// <summary>Test-only bugs seeded on purpose into a <see cref="DiskFileSystem"/>, to show that a property finds them.</summary>
internal enum DiskFsSeededBug
{
    /// <summary>None: the correct file system.</summary>
    None,

    /// <summary>The block allocator hands out a free block without marking it used in the bitmap.</summary>
    AllocatorForgetsToMarkBlocks,

    /// <summary>A write that spans several blocks leaves its last block unwritten.</summary>
    WriteLosesItsTail,
}
