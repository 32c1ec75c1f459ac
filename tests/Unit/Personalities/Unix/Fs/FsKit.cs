using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>Formatted in-memory file systems for the tests, and assertions on Errno results.</summary>
internal static class FsKit
{
    /// <summary>Block size of the test devices.</summary>
    public const int BlockSize = 512;

    /// <summary>A fresh device of <paramref name="blocks"/> blocks, formatted and mounted.</summary>
    public static async Task<(DiskFileSystem Fs, MemoryBlockDevice Device)> Formatted(long blocks = 512, int? inodes = null, int cacheBlocks = 64)
    {
        var device = new MemoryBlockDevice(BlockSize, blocks);
        var (error, problem) = await DiskFileSystem.Format(device, inodes);
        Assert.True(error == Errno.None, problem);
        return (await Mounted(device, cacheBlocks), device);
    }

    /// <summary>Mounts <paramref name="device"/>; asserts it mounted.</summary>
    public static async Task<DiskFileSystem> Mounted(IBlockDevice device, int cacheBlocks = 64)
    {
        var mounted = await DiskFileSystem.Mount(device, cacheBlocks);
        Assert.True(mounted.Status == MountStatus.Mounted, mounted.Error);
        return mounted.FileSystem!;
    }

    /// <summary>Creates <paramref name="path"/> and writes <paramref name="data"/> at 0; returns its inode.</summary>
    public static async Task<long> WriteFile(this IUnixFileSystem fs, string path, byte[] data)
    {
        var (created, inode) = await fs.Create(path, exclusive: false);
        Assert.Equal(Errno.None, created);
        var (written, count) = await fs.Write(inode, 0, data);
        Assert.Equal((Errno.None, data.Length), (written, count));
        return inode;
    }

    /// <summary>The whole file <paramref name="path"/>; asserts it reads.</summary>
    public static async Task<byte[]> ReadFile(this IUnixFileSystem fs, string path)
    {
        var (found, inode) = await fs.Lookup(path);
        Assert.Equal(Errno.None, found);
        var (read, data) = await fs.Read(inode, 0, int.MaxValue);
        Assert.Equal(Errno.None, read);
        return data;
    }

    /// <summary>Asserts fsck finds nothing.</summary>
    public static async Task AssertConsistent(this DiskFileSystem fs)
    {
        var (error, problems) = await fs.Check();
        Assert.Equal(Errno.None, error);
        Assert.Empty(problems);
    }

    /// <summary><paramref name="count"/> bytes of a pattern seeded by <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)((i * 31 + seed * 7 + i / 256) % 251 + 1)).ToArray();
}
