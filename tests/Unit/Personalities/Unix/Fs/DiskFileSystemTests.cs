using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;
using static MachActors.Tests.Unit.Personalities.Unix.Fs.FsKit;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>Every IUnixFileSystem operation of the disk file system, with its Errno cases, on an in-memory device of 512 blocks of 512 bytes.</summary>
public sealed class DiskFileSystemTests
{
    [Fact]
    public async Task Create_NewFile_IsAnEmptyRegularFileNamedInItsDirectory()
    {
        var (fs, _) = await Formatted();

        var (error, inode) = await fs.Create("/tmp/a", exclusive: true);

        Assert.Equal(Errno.None, error);
        Assert.Equal(new FileStat(inode, FileKind.Regular, 0, 1), (await fs.Stat("/tmp/a")).Stat);
        Assert.Equal((Errno.None, inode), await fs.Lookup("/tmp/a"));
        Assert.Contains(new DirEntry("a", inode, FileKind.Regular), (await fs.ReadDir("/tmp")).Entries);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Create_Existing_ReturnsItUnlessExclusive()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(10, 1));

        Assert.Equal((Errno.None, inode), await fs.Create("/tmp/a", exclusive: false));
        Assert.Equal(Errno.EEXIST, (await fs.Create("/tmp/a", exclusive: true)).Error);
        Assert.Equal(10L, (await fs.StatInode(inode)).Stat!.Size); // not truncated
    }

    [Theory]
    [InlineData("/tmp", false, Errno.EISDIR)]
    [InlineData("/tmp", true, Errno.EEXIST)]
    [InlineData("/", false, Errno.EISDIR)]
    [InlineData("/", true, Errno.EEXIST)]
    [InlineData("/nodir/a", false, Errno.ENOENT)]
    [InlineData("/dev/console/a", false, Errno.ENOTDIR)]
    [InlineData("tmp/a", false, Errno.EINVAL)]
    [InlineData("/tmp/abcdefghijklmnopqrstuvwxyz012", false, Errno.ENAMETOOLONG)]
    public async Task Create_BadTarget_IsRefused(string path, bool exclusive, Errno expected)
    {
        var (fs, _) = await Formatted();

        Assert.Equal(expected, (await fs.Create(path, exclusive)).Error);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Create_NoFreeInode_IsEnospcAndLeavesNothing()
    {
        var (fs, _) = await Formatted(inodes: 8); // 7 usable: root, dev, bin, tmp, console + 2
        await fs.Create("/tmp/a", true);
        await fs.Create("/tmp/b", true);

        Assert.Equal(Errno.ENOSPC, (await fs.Create("/tmp/c", true)).Error);
        Assert.Equal(Errno.ENOENT, (await fs.Lookup("/tmp/c")).Error);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Write_ThenRead_GivesTheBytesAcrossBlocksAndTheIndirectBlock()
    {
        var (fs, _) = await Formatted();
        var data = Bytes(40_000, 3); // 79 blocks of 512: direct and indirect
        var inode = await fs.WriteFile("/tmp/big", data);

        Assert.Equal(data, await fs.ReadFile("/tmp/big"));
        var (error, part) = await fs.Read(inode, 1000, 4097);
        Assert.Equal((Errno.None, data[1000..5097]), (error, part), TupleOfBytes.Instance);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Read_PastTheEnd_GivesFewerOrNoBytes()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(100, 1));

        Assert.Equal(40, (await fs.Read(inode, 60, 1000)).Data.Length);
        Assert.Empty((await fs.Read(inode, 100, 10)).Data);
        Assert.Empty((await fs.Read(inode, 5000, 10)).Data);
        Assert.Empty((await fs.Read(inode, 0, 0)).Data);
    }

    [Fact]
    public async Task Write_PastTheEnd_LeavesAHoleOfZeros()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(10, 1));

        await fs.Write(inode, 9000, Bytes(5, 2));

        var data = await fs.ReadFile("/tmp/a");
        Assert.Equal(9005, data.Length);
        Assert.All(data[10..9000], b => Assert.Equal(0, b));
        Assert.Equal(Bytes(5, 2), data[9000..]);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Write_Overwrite_ChangesOnlyItsRange()
    {
        var (fs, _) = await Formatted();
        var data = Bytes(3000, 1);
        var inode = await fs.WriteFile("/tmp/a", data);

        await fs.Write(inode, 500, Bytes(600, 9));

        Bytes(600, 9).CopyTo(data, 500);
        Assert.Equal(data, await fs.ReadFile("/tmp/a"));
    }

    [Fact]
    public async Task Write_PastTheLargestFile_IsEfbigAndWritesNothing()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(10, 1));

        Assert.Equal((Errno.EFBIG, 0), await fs.Write(inode, fs.MaxFileSize - 3, Bytes(4, 1)));
        Assert.Equal((Errno.None, 4), await fs.Write(inode, fs.MaxFileSize - 4, Bytes(4, 1)));
        Assert.Equal(fs.MaxFileSize, (await fs.StatInode(inode)).Stat!.Size);
        Assert.Equal(Errno.EFBIG, await fs.Truncate(inode, fs.MaxFileSize + 1));
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Write_MoreThanTheFreeBlocks_IsEnospcAndWritesNothing()
    {
        var (fs, _) = await Formatted(blocks: 64); // 12 KiB or so free
        var inode = await fs.WriteFile("/tmp/a", Bytes(10, 1));
        var free = fs.FreeBlocks;

        Assert.Equal((Errno.ENOSPC, 0), await fs.Write(inode, 0, Bytes((int)(free + 1) * 512, 1)));
        Assert.Equal((free, 10L), (fs.FreeBlocks, (await fs.StatInode(inode)).Stat!.Size));
        Assert.Equal((Errno.None, 512), await fs.Write(inode, 512, Bytes(512, 2))); // one block is fine
        await fs.AssertConsistent();
    }

    [Theory]
    [InlineData("/tmp", Errno.EISDIR)]
    [InlineData("/dev/console", Errno.EINVAL)]
    public async Task DataOperations_OnADirectoryOrDevice_AreRefused(string path, Errno expected)
    {
        var (fs, _) = await Formatted();
        var (_, inode) = await fs.Lookup(path);

        Assert.Equal(expected, (await fs.Read(inode, 0, 1)).Error);
        Assert.Equal(expected, (await fs.Write(inode, 0, Bytes(1, 1))).Error);
        Assert.Equal(expected, await fs.Truncate(inode, 0));
    }

    [Fact]
    public async Task DataOperations_NegativeArgumentsOrNoSuchInode_AreRefused()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(10, 1));

        Assert.Equal(Errno.EINVAL, (await fs.Read(inode, -1, 1)).Error);
        Assert.Equal(Errno.EINVAL, (await fs.Read(inode, 0, -1)).Error);
        Assert.Equal(Errno.EINVAL, (await fs.Write(inode, -1, Bytes(1, 1))).Error);
        Assert.Equal(Errno.EINVAL, await fs.Truncate(inode, -1));
        foreach (var bad in new long[] { 0, -5, 99, 1_000_000 })
        {
            Assert.Equal(Errno.ENOENT, (await fs.Read(bad, 0, 1)).Error);
            Assert.Equal(Errno.ENOENT, (await fs.StatInode(bad)).Error);
        }
    }

    [Fact]
    public async Task Truncate_Shrink_FreesBlocksAndGrowingAgainReadsZeros()
    {
        var (fs, _) = await Formatted();
        var inode = await fs.WriteFile("/tmp/a", Bytes(20_000, 1));
        var free = fs.FreeBlocks;

        Assert.Equal(Errno.None, await fs.Truncate(inode, 700));
        Assert.Equal(free + 39, fs.FreeBlocks); // 40 blocks and the indirect one -> 2 blocks
        Assert.Equal(Errno.None, await fs.Truncate(inode, 3000));

        var data = await fs.ReadFile("/tmp/a");
        Assert.Equal(Bytes(20_000, 1)[..700], data[..700]);
        Assert.All(data[700..], b => Assert.Equal(0, b));
        Assert.Equal(3000, data.Length);
        await fs.AssertConsistent();
    }

    [Fact]
    public async Task Truncate_ToZero_FreesEveryBlock()
    {
        var (fs, _) = await Formatted();
        var (_, inode) = await fs.Create("/tmp/a", true); // /tmp takes a block for its entries
        var free = fs.FreeBlocks;
        await fs.Write(inode, 0, Bytes(10_000, 1));

        Assert.Equal(Errno.None, await fs.Truncate(inode, 0));

        Assert.Equal(free, fs.FreeBlocks);
        Assert.Empty(await fs.ReadFile("/tmp/a"));
    }

    [Fact]
    public async Task Unlink_File_FreesItsNameInodeAndBlocks()
    {
        var (fs, _) = await Formatted();
        await fs.Create("/tmp/other", true); // /tmp takes a block for its entries, kept after the unlink
        var (freeBlocks, freeInodes) = (fs.FreeBlocks, fs.FreeInodes);
        var inode = await fs.WriteFile("/tmp/a", Bytes(10_000, 1));

        Assert.Equal(Errno.None, await fs.Unlink("/tmp/a"));

        Assert.Equal(Errno.ENOENT, (await fs.Lookup("/tmp/a")).Error);
        Assert.Equal(Errno.ENOENT, (await fs.Read(inode, 0, 1)).Error);
        Assert.Equal((freeBlocks, freeInodes), (fs.FreeBlocks, fs.FreeInodes));
        await fs.AssertConsistent();
    }

    [Theory]
    [InlineData("/tmp/none", Errno.ENOENT)]
    [InlineData("/tmp", Errno.EISDIR)]
    [InlineData("/", Errno.EISDIR)]
    [InlineData("/dev/console/x", Errno.ENOTDIR)]
    [InlineData("/a/../b", Errno.EINVAL)]
    public async Task Unlink_BadTarget_IsRefused(string path, Errno expected)
    {
        var (fs, _) = await Formatted();

        Assert.Equal(expected, await fs.Unlink(path));
    }

    [Fact]
    public async Task Mkdir_Nested_MakesDirectoriesThatHoldFiles()
    {
        var (fs, _) = await Formatted();

        Assert.Equal(Errno.None, await fs.Mkdir("/home"));
        Assert.Equal(Errno.None, await fs.Mkdir("/home/ast"));
        var inode = await fs.WriteFile("/home/ast/notes", Bytes(5, 5));

        Assert.Equal([new DirEntry("notes", inode, FileKind.Regular)], (await fs.ReadDir("/home/ast")).Entries);
        Assert.Equal(new FileStat((await fs.Lookup("/home")).Inode, FileKind.Directory, 1, 1), (await fs.Stat("/home")).Stat);
        await fs.AssertConsistent();
    }

    [Theory]
    [InlineData("/tmp", Errno.EEXIST)]
    [InlineData("/dev/console", Errno.EEXIST)]
    [InlineData("/", Errno.EEXIST)]
    [InlineData("/no/dir", Errno.ENOENT)]
    [InlineData("/dev/console/dir", Errno.ENOTDIR)]
    [InlineData("/abcdefghijklmnopqrstuvwxyz012", Errno.ENAMETOOLONG)]
    public async Task Mkdir_BadTarget_IsRefused(string path, Errno expected)
    {
        var (fs, _) = await Formatted();

        Assert.Equal(expected, await fs.Mkdir(path));
    }

    [Fact]
    public async Task ReadDir_ManyEntries_SortedByNameAcrossBlocksAndSlotsReused()
    {
        var (fs, _) = await Formatted();
        var names = Enumerable.Range(0, 40).Select(i => $"f{39 - i:D2}").ToList(); // 16 entries a block: 3 blocks
        foreach (var name in names) await fs.Create("/tmp/" + name, true);
        await fs.Unlink("/tmp/f05");
        var tmp = (await fs.Lookup("/tmp")).Inode;
        await fs.Create("/tmp/zz", true); // takes the freed slot

        var (error, entries) = await fs.ReadDir("/tmp");

        Assert.Equal(Errno.None, error);
        Assert.Equal(names.Where(n => n != "f05").Append("zz").Order(StringComparer.Ordinal), entries.Select(e => e.Name));
        Assert.Equal(40L, (await fs.StatInode(tmp)).Stat!.Size); // a directory's size is its entry count
        await fs.AssertConsistent();
    }

    [Theory]
    [InlineData("/dev/console", Errno.ENOTDIR)]
    [InlineData("/none", Errno.ENOENT)]
    [InlineData("", Errno.EINVAL)]
    public async Task ReadDir_NotADirectory_IsRefused(string path, Errno expected)
    {
        var (fs, _) = await Formatted();

        Assert.Equal(expected, (await fs.ReadDir(path)).Error);
    }

    [Fact]
    public async Task Stat_Missing_IsEnoent()
    {
        var (fs, _) = await Formatted();

        Assert.Equal(Errno.ENOENT, (await fs.Stat("/tmp/none")).Error);
        Assert.Equal(Errno.ENOTDIR, (await fs.Stat("/dev/console/x")).Error);
    }

    [Fact]
    public async Task Operations_WhileAnotherWaitsForTheDevice_AreEagain()
    {
        var device = new GatedDevice(new MemoryBlockDevice(BlockSize, 512));
        Assert.Equal(Errno.None, (await DiskFileSystem.Format(device)).Error);
        var fs = await Mounted(device, cacheBlocks: 4);
        await fs.Sync();
        device.Gate = new TaskCompletionSource();

        var pending = fs.ReadDir("/tmp"); // misses the tiny cache and waits at the gate

        Assert.False(pending.IsCompleted);
        Assert.Equal(Errno.EAGAIN, (await fs.Stat("/")).Error);
        Assert.Equal(Errno.EAGAIN, await fs.Sync());
        device.Gate.SetResult();
        Assert.Equal(Errno.None, (await pending).Error);
        Assert.Equal(Errno.None, (await fs.Stat("/")).Error);
    }

    [Fact]
    public async Task Operations_DeviceFails_AreEio()
    {
        var (fs, device) = await Formatted(cacheBlocks: 4);
        var inode = await fs.WriteFile("/tmp/a", Bytes(5000, 1)); // 10 blocks through a cache of 4: the first ones went to the device
        device.FailWrites = true;

        Assert.Equal(Errno.EIO, await fs.Sync());
        device.FailReads = true;
        Assert.Equal(Errno.EIO, (await fs.Read(inode, 0, 5000)).Error);
        Assert.Equal(Errno.EIO, (await fs.Create("/bin/x", true)).Error);
    }

    /// <summary>Compares (Errno, bytes) by the bytes' contents.</summary>
    private sealed class TupleOfBytes : IEqualityComparer<(Errno, byte[])>
    {
        public static readonly TupleOfBytes Instance = new();

        public bool Equals((Errno, byte[]) x, (Errno, byte[]) y) => x.Item1 == y.Item1 && x.Item2.AsSpan().SequenceEqual(y.Item2);

        public int GetHashCode((Errno, byte[]) obj) => obj.Item1.GetHashCode();
    }

    /// <summary>A device whose reads wait for <see cref="Gate"/> while it is set.</summary>
    private sealed class GatedDevice(MemoryBlockDevice inner) : IBlockDevice
    {
        public TaskCompletionSource? Gate { get; set; }

        public int BlockSize => inner.BlockSize;

        public long BlockCount => inner.BlockCount;

        public async Task<Errno> ReadBlock(long block, Memory<byte> into)
        {
            if (Gate is { } gate) await gate.Task;
            return await inner.ReadBlock(block, into);
        }

        public Task<Errno> WriteBlock(long block, ReadOnlyMemory<byte> data) => inner.WriteBlock(block, data);
    }
}
