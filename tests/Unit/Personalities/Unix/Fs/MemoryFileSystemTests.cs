using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>The in-memory file system against IUnixFileSystem's contract: paths, data, directories and every errno.</summary>
public sealed class MemoryFileSystemTests
{
    private readonly MemoryFileSystem _fs = new();

    [Fact]
    public async Task WriteRead_AtOffsets_HoleReadsZerosAndReadStopsAtEnd()
    {
        var (_, inode) = await _fs.Create("/f", exclusive: false);
        Assert.Equal((Errno.None, 2), await _fs.Write(inode, 0, new byte[] { 1, 2 }));
        Assert.Equal((Errno.None, 1), await _fs.Write(inode, 4, new byte[] { 5 }));

        var (error, data) = await _fs.Read(inode, 1, 100);

        Assert.Equal(Errno.None, error);
        Assert.Equal(new byte[] { 2, 0, 0, 5 }, data);
        Assert.Empty((await _fs.Read(inode, 9, 10)).Data);
        Assert.Equal(5, (await _fs.StatInode(inode)).Stat!.Size);
    }

    [Fact]
    public async Task Truncate_ShrinkThenGrow_GrownPartReadsZeros()
    {
        var (_, inode) = await _fs.Create("/f", false);
        await _fs.Write(inode, 0, new byte[] { 1, 2, 3, 4 });
        Assert.Equal(Errno.None, await _fs.Truncate(inode, 1));
        await _fs.Write(inode, 3, new byte[] { 9 });

        Assert.Equal(new byte[] { 1, 0, 0, 9 }, (await _fs.Read(inode, 0, 10)).Data);
    }

    [Fact]
    public async Task Create_Existing_SameInodeUnlessExclusive()
    {
        var (_, first) = await _fs.Create("/f", false);

        Assert.Equal((Errno.None, first), await _fs.Create("/f", false));
        Assert.Equal(Errno.EEXIST, (await _fs.Create("/f", true)).Error);
    }

    [Fact]
    public async Task MkdirReadDir_Nested_EntriesSortedWithKinds()
    {
        Assert.Equal(Errno.None, await _fs.Mkdir("/d"));
        await _fs.Create("/d/b", false);
        await _fs.Mkdir("/d/a");

        var (error, entries) = await _fs.ReadDir("/d");

        Assert.Equal(Errno.None, error);
        Assert.Equal(["a:Directory", "b:Regular"], entries.Select(e => $"{e.Name}:{e.Kind}"));
        Assert.Equal(new FileStat(entries[0].Inode, FileKind.Directory, 0, 2), (await _fs.Stat("/d/a")).Stat);
        Assert.Equal(2, (await _fs.Stat("//d/")).Stat!.Size);
    }

    [Fact]
    public async Task Unlink_File_GoneAndItsInodeReadsEnoent()
    {
        var (_, inode) = await _fs.Create("/f", false);

        Assert.Equal(Errno.None, await _fs.Unlink("/f"));
        Assert.Equal(Errno.ENOENT, (await _fs.Lookup("/f")).Error);
        Assert.Equal(Errno.ENOENT, (await _fs.Read(inode, 0, 1)).Error);
        Assert.Equal(Errno.ENOENT, await _fs.Unlink("/f"));
    }

    [Theory]
    [InlineData("relative", Errno.EINVAL)]
    [InlineData("", Errno.EINVAL)]
    [InlineData("/a/../b", Errno.EINVAL)]
    [InlineData("/missing/x", Errno.ENOENT)]
    [InlineData("/file/x", Errno.ENOTDIR)]
    public async Task Create_BadPath_Errno(string path, Errno expected)
    {
        await _fs.Create("/file", false);

        Assert.Equal(expected, (await _fs.Create(path, false)).Error);
        Assert.Equal(expected, await _fs.Mkdir(path));
    }

    [Fact]
    public async Task Errors_DirectoryAndLimits_Errnos()
    {
        await _fs.Mkdir("/d");
        var (_, dir) = await _fs.Lookup("/d");
        var (_, file) = await _fs.Create("/f", false);

        Assert.Equal(Errno.EISDIR, (await _fs.Read(dir, 0, 1)).Error);
        Assert.Equal(Errno.EISDIR, (await _fs.Write(dir, 0, new byte[1])).Error);
        Assert.Equal(Errno.EISDIR, await _fs.Unlink("/d"));
        Assert.Equal(Errno.EISDIR, (await _fs.Create("/d", false)).Error);
        Assert.Equal(Errno.EEXIST, await _fs.Mkdir("/d"));
        Assert.Equal(Errno.EEXIST, await _fs.Mkdir("/"));
        Assert.Equal(Errno.ENOTDIR, (await _fs.ReadDir("/f")).Error);
        Assert.Equal(Errno.EFBIG, (await _fs.Write(file, MemoryFileSystem.MaxFileSize, new byte[1])).Error);
        Assert.Equal(Errno.EINVAL, (await _fs.Read(file, -1, 1)).Error);
        Assert.Equal(Errno.ENAMETOOLONG, (await _fs.Create("/" + new string('x', 256), false)).Error);
        Assert.Equal(Errno.None, await _fs.Sync());
    }
}
