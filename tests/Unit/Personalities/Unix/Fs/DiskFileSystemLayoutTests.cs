using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;
using static MachActors.Tests.Unit.Personalities.Unix.Fs.FsKit;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>mkfs, mount, the write-back cache and remounts on the same device.</summary>
public sealed class DiskFileSystemLayoutTests
{
    [Fact]
    public async Task Format_NewDisk_HasTheStandardTreeWithTheConsoleNode()
    {
        var (fs, _) = await Formatted();

        Assert.Equal(["bin", "dev", "tmp"], (await fs.ReadDir("/")).Entries.Select(e => e.Name));
        Assert.All((await fs.ReadDir("/")).Entries, e => Assert.Equal(FileKind.Directory, e.Kind));
        var console = Assert.Single((await fs.ReadDir("/dev")).Entries);
        Assert.Equal(("console", FileKind.CharDevice), (console.Name, console.Kind));
        Assert.Equal(new FileStat(1, FileKind.Directory, 3, 1), (await fs.Stat("/")).Stat);
        Assert.Empty((await fs.ReadDir("/tmp")).Entries);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Format_WritesTheSuperblockAndOnlyMetadataAndTheFirstDirectoryBlocks()
    {
        var device = new MemoryBlockDevice(BlockSize, 512);

        await DiskFileSystem.Format(device);

        Assert.Equal(DiskSuperblock.Plan(BlockSize, 512)!.Encode(), device.Peek(0));
        Assert.Equal(18 + 2, device.Writes); // 17 metadata blocks and the superblock, the root's and /dev's entry blocks
    }

    [Fact]
    public async Task Format_TooSmallDevice_IsEinvalWithAReason()
    {
        var (error, problem) = await DiskFileSystem.Format(new MemoryBlockDevice(128, 3));

        Assert.Equal(Errno.EINVAL, error);
        Assert.Contains("too small", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_ZeroDisk_IsUnformatted()
    {
        var mounted = await DiskFileSystem.Mount(new MemoryBlockDevice(BlockSize, 512));

        Assert.Equal((MountStatus.Unformatted, null), (mounted.Status, mounted.FileSystem));
        Assert.Contains("not formatted", mounted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MountOrFormat_ZeroDiskThenFormattedDisk_FormatsOnlyOnce()
    {
        var device = new MemoryBlockDevice(BlockSize, 512);
        var first = (await DiskFileSystem.MountOrFormat(device)).FileSystem!;
        await first.WriteFile("/tmp/kept", Bytes(3, 1));
        await first.Sync();

        var second = await DiskFileSystem.MountOrFormat(device);

        Assert.Equal(MountStatus.Mounted, second.Status);
        Assert.Equal(Bytes(3, 1), await second.FileSystem!.ReadFile("/tmp/kept"));
    }

    [Fact]
    public async Task Remount_AfterSync_ReadsBackEveryFileAndDirectory()
    {
        var (fs, device) = await Formatted(cacheBlocks: 8);
        await fs.Mkdir("/home");
        await fs.WriteFile("/home/big", Bytes(50_000, 1));
        await fs.WriteFile("/tmp/small", Bytes(7, 2));
        await fs.WriteFile("/tmp/gone", Bytes(900, 3));
        await fs.Unlink("/tmp/gone");
        var (freeBlocks, freeInodes) = (fs.FreeBlocks, fs.FreeInodes);

        Assert.Equal(Errno.None, await fs.Sync());
        var again = await Mounted(device);

        Assert.Equal(Bytes(50_000, 1), await again.ReadFile("/home/big"));
        Assert.Equal(Bytes(7, 2), await again.ReadFile("/tmp/small"));
        Assert.Equal(Errno.ENOENT, (await again.Lookup("/tmp/gone")).Error);
        Assert.Equal((freeBlocks, freeInodes), (again.FreeBlocks, again.FreeInodes));
        await again.AssertConsistent();
    }

    [Fact]
    public async Task Remount_WithoutSync_DoesNotSeeWritesStillInTheCache()
    {
        var (fs, device) = await Formatted();
        await fs.WriteFile("/tmp/a", Bytes(10, 1));
        var writes = device.Writes;

        var again = await Mounted(device);

        Assert.Equal(writes, device.Writes); // write-back: nothing went to the device
        Assert.Equal(Errno.ENOENT, (await again.Lookup("/tmp/a")).Error);
    }

    [Fact]
    public async Task Sync_WritesEachDirtyBlockOnceAndASecondSyncNothing()
    {
        var (fs, device) = await Formatted();
        await fs.WriteFile("/tmp/a", Bytes(2000, 1)); // 4 data blocks, the inode block, the bitmap, /tmp's new entry block
        var before = device.Writes;

        await fs.Sync();
        var first = device.Writes - before;
        await fs.Sync();

        Assert.Equal(4 + 1 + 1 + 1, first);
        Assert.Equal(before + first, device.Writes);
        Assert.Equal(0, fs.Cache.DirtyCount);
    }

    [Fact]
    public async Task PageIo_WholePagesByInodeAndOffset_RoundTripThroughRemount()
    {
        // the file pager's view: 4 KiB pages at page offsets, the last one short
        var (fs, device) = await Formatted();
        var (_, inode) = await fs.Create("/tmp/mapped", true);
        var pages = Enumerable.Range(0, 3).Select(p => Bytes(4096, p + 1)).ToList();
        for (var p = 2; p >= 0; p--) Assert.Equal((Errno.None, 4096), await fs.Write(inode, p * 4096L, pages[p]));
        await fs.Truncate(inode, 2 * 4096 + 100);
        await fs.Sync();

        var again = await Mounted(device);

        Assert.Equal(pages[1], (await again.Read(inode, 4096, 4096)).Data);
        Assert.Equal(pages[2][..100], (await again.Read(inode, 8192, 4096)).Data);
    }
}
