using System.Text;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>Files as memory objects (docs/UNIX.md): exec's text and mmap are paged by the UNIX server, and read/write stay coherent with the mappings.</summary>
public sealed class MappedFileTests
{
    private const int Create = OpenFile.Create | OpenFile.ReadWrite;

    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A new file <paramref name="path"/> holding <paramref name="text"/>, open read-write.</summary>
    private static async Task<int> NewFile(UnixEnv u, string path, string text)
    {
        var (_, fd) = await u.Open(path, Create | OpenFile.Truncate);
        await u.Write(fd, text);
        await u.Lseek(fd, 0, 0);
        return fd;
    }

    private static async Task<string> ReadAt(UnixEnv u, int fd, long offset, int count)
    {
        await u.Lseek(fd, offset, 0);
        return Text((await u.Read(fd, count)).Data);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MmapShared_WritesThroughMemoryAndWrite_EachSeesTheOtherWithoutUnmap(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var fd = await NewFile(u, "/f", "abcdefgh");
            var (e, at) = await u.Mmap(fd, 0, 8, flags: MmapFlags.Shared);
            await u.Mach.Mem.Write(at + 2, "XY"u8.ToArray());
            kit!.Log.Add($"{e} read {await ReadAt(u, fd, 0, 8)}"); // the server settles the dirty page first
            await u.Lseek(fd, 7, 0);
            await u.Write(fd, "!");                            // flushes the mapped page
            kit.Log.Add($"memory {Text(await u.Mach.Mem.Read(at, 8))}");
            kit.Log.Add($"munmap {await u.Munmap(at, 8)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["None read abXYefgh", "memory abXYefg!", "munmap None"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MmapShared_InheritedByForkChildWritesAndExits_ParentSeesInMemoryAndFile(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var page = u.Mach.Machine.PageSize;
            var fd = await NewFile(u, "/f", new string('.', page + 16));
            var (_, at) = await u.Mmap(fd, 0, page + 16, flags: MmapFlags.Shared);
            await u.Fork(async c =>
            {
                await c.Mach.Mem.Write(at + (ulong)page + 3, "child"u8.ToArray());
                return 0;
            });
            await u.Wait();
            kit!.Log.Add($"memory {Text(await u.Mach.Mem.Read(at + (ulong)page, 10))}");
            kit.Log.Add($"file {await ReadAt(u, fd, page, 10)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["memory ...child..", "file ...child.."], kit.Log);
    }

    [Fact]
    public void MmapShared_ChildMapsWritesAndExits_FileHasTheBytesAfterItsEnd()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await NewFile(u, "/f", "0123456789");
            await u.Fork(async c =>
            {
                var (_, fd) = await c.Open("/f", OpenFile.ReadWrite);
                var (_, at) = await c.Mmap(fd, 0, 10, flags: MmapFlags.Shared);
                await c.Mach.Mem.Write(at + 4, "ab"u8.ToArray());
                return 0; // exit: the task's mappings go, the dirty page goes back to the server
            });
            await u.Wait();
            var (_, again) = await u.Open("/f", 0);
            kit!.Log.Add(await ReadAt(u, again, 0, 20));
            return 0;
        });

        kit.Run();

        Assert.Equal(["0123ab6789"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MmapShared_WritePastTheEndOfTheFile_FileDoesNotGrow(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var fd = await NewFile(u, "/f", "12345");
            var (_, at) = await u.Mmap(fd, 0, 100, flags: MmapFlags.Shared);
            kit!.Log.Add($"beyond reads {(await u.Mach.Mem.Read(at + 5, 1))[0]}");
            await u.Mach.Mem.Write(at, "A"u8.ToArray());
            await u.Mach.Mem.Write(at + 50, "Z"u8.ToArray());
            await u.Munmap(at, 100);
            var (_, stat) = await u.Fstat(fd);
            kit.Log.Add($"size {stat!.Size} {await ReadAt(u, fd, 0, 100)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["beyond reads 0", "size 5 A2345"], kit.Log);
    }

    [Fact]
    public void MmapPrivate_WritesStayInTheProcess_SharedMapperAndFileUnchanged()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var fd = await NewFile(u, "/f", "shared");
            var (_, shared) = await u.Mmap(fd, 0, 6, flags: MmapFlags.Shared);
            var (_, mine) = await u.Mmap(fd, 0, 6, flags: MmapFlags.Private);
            await u.Mach.Mem.Write(mine, "P"u8.ToArray());
            kit!.Log.Add($"{Text(await u.Mach.Mem.Read(mine, 6))} {Text(await u.Mach.Mem.Read(shared, 6))} {await ReadAt(u, fd, 0, 6)}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["Phared shared shared"], kit.Log);
    }

    [Fact]
    public void Unlink_MappedFile_MappingKeepsItsBytesAndANewFileOfTheNameIsSeparate()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var fd = await NewFile(u, "/f", "old!");
            var (_, at) = await u.Mmap(fd, 0, 4, flags: MmapFlags.Shared);
            await u.Mach.Mem.Write(at, "O"u8.ToArray());
            kit!.Log.Add($"unlink {await u.Unlink("/f")}");
            var fresh = await NewFile(u, "/f", "new!");
            await u.Mach.Mem.Write(at + 3, "?"u8.ToArray());
            kit.Log.Add($"{Text(await u.Mach.Mem.Read(at, 4))} {await ReadAt(u, fresh, 0, 4)}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["unlink None", "Old? new!"], kit.Log);
    }

    [Fact]
    public void Exec_TextIsTheFilesMemoryObject_AWriteToTheFileIsSeenThroughTheTextAndTextIsReadOnly()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Fork(async c => { await c.Exec("show"); return 99; });
            var (_, _, status) = await u.Wait();
            kit!.Log.Add($"status {(WaitStatus.IfSignaled(status) ? WaitStatus.TermSig(status).ToString() : "exited")}");
            return 0;
        }, programs: p => p.Register("show", async (u, argv) =>
        {
            var header = await u.TextHeader();
            var (_, fd) = await u.Open("/bin/show", OpenFile.WriteOnly | OpenFile.Append);
            await u.Write(fd, "patched"); // mappers of /bin/show are flushed: the text refaults with it
            var after = Text(await u.Mach.Mem.Read(UnixServer.TextAddress + (ulong)header.Length + 1, 7));
            kit!.Log.Add($"{header} then {after}");
            await u.Mach.Mem.Write(UnixServer.TextAddress, "x"u8.ToArray()); // text is read-only: EXC_BAD_ACCESS, SIGSEGV
            kit.Log.Add("not reached");
            return 0;
        }));

        kit.Run();

        Assert.Equal([$"{UnixServer.TextMagic} show then patched", $"status {Signal.SIGSEGV}"], kit.Log);
        Assert.Empty(kit.Machine.Machine.Status.Faults); // the server took the exception: no task died unhandled
    }
    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Msync_ReadsDoNotSettle_MsyncAloneBringsTheMappersBytesToTheFile(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var fd = await NewFile(u, "/f", "abcdef");
            var (_, at) = await u.Mmap(fd, 0, 6, flags: MmapFlags.Shared);
            await u.Mach.Mem.Write(at, "XY"u8.ToArray());
            kit!.Log.Add($"before {await ReadAt(u, fd, 0, 6)}"); // this server variant does not settle before read
            kit.Log.Add($"msync {await u.Msync(at, 6, MsyncFlags.Sync)}");
            kit.Log.Add($"after {await ReadAt(u, fd, 0, 6)}");
            return 0;
        }, kind, bugs: UnixSeededBugs.SettleSkipped);

        kit.Run();

        Assert.Equal(["before abcdef", "msync None", "after XYcdef"], kit.Log);
    }

    [Fact]
    public void MunmapMsync_RecordsFollowMmapMunmapForkAndExec_AndBadInputIsAnErrno()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var page = u.Mach.Machine.PageSize;
            var fd = await NewFile(u, "/f", new string('.', 3 * page));
            var (_, at) = await u.Mmap(fd, 0, 3 * page, flags: MmapFlags.Shared);
            var middle = at + (ulong)page;
            kit!.Log.Add($"munmap middle {await u.Munmap(middle, page)}");
            kit.Log.Add($"msync first {await u.Msync(at, page, MsyncFlags.Async)} hole {await u.Msync(middle, page, MsyncFlags.Async)} all {await u.Msync(at, 3 * page, MsyncFlags.Async | MsyncFlags.Invalidate)}");
            kit.Log.Add($"bad {await u.Msync(at, page, MsyncFlags.None)} {await u.Msync(at, page, MsyncFlags.Async | MsyncFlags.Sync)} {await u.Msync(at + 1, page, MsyncFlags.Sync)} {await u.Munmap(at, 0)} {await u.Munmap(at + 3, 10)}");
            await u.Fork(async c =>
            {
                kit.Log.Add($"child msync {await c.Msync(at, page, MsyncFlags.Sync)}");
                await c.Exec("probe", "probe", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return 9;
            });
            await u.Wait();
            return 0;
        }, programs: p => p.Register("probe", async (u, argv) =>
        {
            var at = ulong.Parse(argv[1], System.Globalization.CultureInfo.InvariantCulture);
            kit!.Log.Add($"after exec {await u.Msync(at, 4096, MsyncFlags.Sync)}");
            return 0;
        }));

        kit.Run();

        Assert.Equal(
        [
            "munmap middle None", "msync first None hole ENOMEM all None", "bad EINVAL EINVAL EINVAL EINVAL EINVAL",
            "child msync None", "after exec ENOMEM",
        ], kit.Log);
    }
    /// <summary>Maps a 24-page file shared, writes every page, unlinks it (or not), reads every page and unmaps it; the machine's free frames at the end.</summary>
    private static int FreeFramesAfter(bool unlink, DispatcherKind kind)
    {
        using var kit = new UnixKit(async (u, argv) =>
        {
            var size = 24 * u.Mach.Machine.PageSize;
            var fd = await NewFile(u, "/big", new string('b', size));
            var (_, at) = await u.Mmap(fd, 0, size, flags: MmapFlags.Shared);
            for (var p = 0; p < 24; p++) await u.Mach.Mem.Write(at + (ulong)(p * u.Mach.Machine.PageSize), "w"u8.ToArray());
            if (unlink) await u.Unlink("/big"); // flushes the pages: the reads below fault them in again, from the orphan's bytes
            for (var p = 0; p < 24; p++) await u.Mach.Mem.Read(at + (ulong)(p * u.Mach.Machine.PageSize), 1);
            await u.Munmap(at, size);
            return 0;
        }, kind);
        kit.Run();
        return kit.Machine.Machine.Status.Vm.FreeFrames;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Unlink_MappedFileThenUnmapped_ItsFramesAreFreedNotCached(DispatcherKind kind)
    {
        var cached = FreeFramesAfter(unlink: false, kind); // a linked file's object keeps its pages (may_cache)
        var unlinked = FreeFramesAfter(unlink: true, kind);

        Assert.True(unlinked >= cached + 24, $"free frames: {unlinked} after unlink, {cached} without");
    }
}
