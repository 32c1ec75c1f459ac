using MachActors.Actors.Dispatch;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>Descriptors on whole machines: files on the MemoryFileSystem, dup, the console, mmap, and the errnos of bad input.</summary>
public sealed class FileTests
{
    private const int Create = OpenFile.Create | OpenFile.ReadWrite;

    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void OpenWriteSeekRead_File_DataOffsetsAndStat(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var log = kit!.Log;
            log.Add($"mkdir {await u.Mkdir("/tmp/d")}");
            var (e, fd) = await u.Open("/tmp/f", Create);
            log.Add($"open {e} {fd}");
            log.Add($"write {(await u.Write(fd, "hello world")).Written}");
            log.Add($"seek {(await u.Lseek(fd, 6, 0)).Offset} {(await u.Lseek(fd, -5, 2)).Offset} {(await u.Lseek(fd, 1, 1)).Offset}");
            var (_, data) = await u.Read(fd, 100);
            log.Add($"read {System.Text.Encoding.UTF8.GetString(data)}");
            log.Add($"eof {(await u.Read(fd, 10)).Data.Length}");
            var (_, st) = await u.Stat("/tmp/f");
            log.Add($"stat {st!.Kind} {st.Size} fstat {(await u.Fstat(fd)).Stat!.Size}");
            var (_, entries) = await u.ReadDir("/");
            log.Add($"ls {string.Join(",", entries.Select(x => $"{x.Name}:{x.Kind}"))}");
            var (_, again) = await u.Open("/tmp/f", OpenFile.ReadWrite | OpenFile.Truncate);
            log.Add($"trunc {(await u.Fstat(again)).Stat!.Size}");
            log.Add($"close {await u.Close(fd)} {await u.Close(again)} unlink {await u.Unlink("/tmp/f")} {(await u.Stat("/tmp/f")).Error}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["mkdir None", "open None 3", "write 11", "seek 6 6 7", "read orld", "eof 0", "stat Regular 11 fstat 11",
            "ls bin:Directory,dev:Directory,tmp:Directory", "trunc 0", "close None None unlink None ENOENT"], kit.Log);
    }

    [Fact]
    public void DupDup2_SharedOffsetAndClosedSlots()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, fd) = await u.Open("/f", Create);
            var (_, copy) = await u.Dup(fd);
            await u.Write(fd, "ab");
            await u.Write(copy, "cd");                 // the shared offset: appended after "ab"
            var (_, two) = await u.Dup2(fd, 10);
            await u.Lseek(two, 0, 0);
            var (_, data) = await u.Read(fd, 10);
            kit!.Log.Add($"{copy} {two} {System.Text.Encoding.UTF8.GetString(data)}");
            kit.Log.Add($"{(await u.Dup(42)).Error} {(await u.Dup2(fd, 64)).Error} {(await u.Dup2(fd, fd)).Fd}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["4 10 abcd", "EBADF EBADF 3"], kit.Log);
    }

    [Fact]
    public void BadInput_Descriptors_PathsAndModes_Errnos()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, ro) = await u.Open("/f", OpenFile.Create | OpenFile.ReadOnly);
            var (_, r, w) = await u.Pipe();
            kit!.Log.Add(string.Join(" ", new object[]
            {
                (await u.Read(77, 1)).Error, (await u.Write(77, "x")).Error, await u.Close(77), (await u.Lseek(77, 0, 0)).Error,
                (await u.Open("/missing", 0)).Error, (await u.Open("/nodir/f", Create)).Error, (await u.Open("/f", 3)).Error,
                (await u.Open("/bin", OpenFile.WriteOnly)).Error, (await u.Write(ro, "x")).Error, (await u.Read(w, 1)).Error,
                (await u.Lseek(r, 0, 0)).Error, (await u.Lseek(ro, -1, 0)).Error, (await u.Lseek(ro, 0, 7)).Error,
                await u.Mkdir("/f"), await u.Unlink("/bin"), (await u.ReadDir("/f")).Error, (await u.Stat("rel")).Error /* relative to /: missing */,
                (await u.Mmap(r, 0, 10)).Error, (await u.Mmap(ro, 3, 10)).Error,
            }));
            return 0;
        });

        kit.Run();

        Assert.Equal(["EBADF EBADF EBADF EBADF ENOENT ENOENT EINVAL EISDIR EBADF EBADF ESPIPE EINVAL EINVAL EEXIST EISDIR ENOTDIR ENOENT EINVAL EINVAL"], kit.Log);
    }

    [Fact]
    public void Console_InitWritesFd1AndOpensDevConsole_TextOnTheConsoleDevice()
    {
        using var kit = new UnixKit(async (u, argv) =>
        {
            await u.Write(1, "hello ");
            var (_, fd) = await u.Open(UnixServer.ConsolePath, OpenFile.WriteOnly);
            await u.Write(fd, "console\n");
            var (_, st) = await u.Fstat(fd);
            await u.Write(2, st!.Kind.ToString());
            return 0;
        });

        kit.Run();

        Assert.Equal("hello console\nCharDevice", kit.Machine.Machine.ConsoleOutput!.Text);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Mmap_File_BytesReadableThroughMemoryAndPrivate(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, fd) = await u.Open("/f", Create);
            await u.Write(fd, "mapped!");
            var (e, address) = await u.Mmap(fd, 0, 100);
            var bytes = await u.Mach.Mem.Read(address, 8);
            await u.Mach.Mem.Write(address, [(byte)'M']);
            var (_, file) = await u.Read(fd, 0);
            await u.Lseek(fd, 0, 0);
            var (_, after) = await u.Read(fd, 1);
            kit!.Log.Add($"{e} {System.Text.Encoding.UTF8.GetString(bytes, 0, 7)} {bytes[7]} file {(char)after[0]}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["None mapped! 0 file m"], kit.Log);
    }
}
