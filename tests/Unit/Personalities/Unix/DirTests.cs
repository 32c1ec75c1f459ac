using MachActors.Actors.Dispatch;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>The current directory on whole machines: chdir, getcwd, relative paths in every path call, fork and exec.</summary>
public sealed class DirTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Chdir_RelativePaths_ResolvedFromTheCurrentDirectory(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var log = kit!.Log;
            log.Add($"cwd {(await u.Getcwd()).Path}");
            log.Add($"mkdir {await u.Mkdir("a")} {await u.Mkdir("a/b")} chdir {await u.Chdir("a")} cwd {(await u.Getcwd()).Path}");
            var (opened, fd) = await u.Open("f", OpenFile.Create | OpenFile.WriteOnly);
            await u.Write(fd, "xyz");
            await u.Close(fd);
            log.Add($"open {opened} stat {(await u.Stat("/a/f")).Stat?.Size} {(await u.Stat("./b/../f")).Stat?.Size}");
            log.Add($"readdir {string.Join(",", (await u.ReadDir(".")).Entries.Select(e => e.Name))} {string.Join(",", (await u.ReadDir("..")).Entries.Select(e => e.Name))}");
            log.Add($"chdir {await u.Chdir("b/..//b/.")} cwd {(await u.Getcwd()).Path}");
            log.Add($"unlink {await u.Unlink("../f")} {(await u.Stat("/a/f")).Error}");
            log.Add($"chdir {await u.Chdir("../../..")} cwd {(await u.Getcwd()).Path}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["cwd /", "mkdir None None chdir None cwd /a", "open None stat 3 3", "readdir b,f a,bin,dev,tmp",
            "chdir None cwd /a/b", "unlink None ENOENT", "chdir None cwd /"], kit.Log);
    }

    [Fact]
    public void Chdir_BadPaths_EnoentEnotdirAndTheDirectoryStays()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Mkdir("/d");
            await u.Chdir("/d");
            var (_, fd) = await u.Open("/file", OpenFile.Create | OpenFile.WriteOnly);
            await u.Close(fd);
            kit!.Log.Add($"{await u.Chdir("/nope")} {await u.Chdir("/file")} {await u.Chdir("/file/x")} {await u.Chdir("")} {(await u.Getcwd()).Path}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["ENOENT ENOTDIR ENOTDIR ENOENT /d"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkExec_ChildInheritsTheDirectory_ExecKeepsIt_ParentUnchanged(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Mkdir("/p");
            await u.Mkdir("/q");
            await u.Chdir("/p");
            var (_, child) = await u.Fork(async c =>
            {
                kit!.Log.Add($"child {(await c.Getcwd()).Path}");
                await c.Chdir("/q");
                await c.Exec("../bin/where", "where");   // a path with '/': resolved from /q
                return 9;
            });
            var (_, _, status) = await u.Waitpid(child);
            kit!.Log.Add($"parent {(await u.Getcwd()).Path} status {WaitStatus.ExitStatus(status)}");
            var (_, other) = await u.Fork(async c => { await c.Exec("./where", "where"); return 9; });  // no ./where in /p
            kit.Log.Add($"relative exec status {WaitStatus.ExitStatus((await u.Waitpid(other)).Status)}");
            return 0;
        }, kind, programs: p => p.Register("where", async (u, argv) =>
        {
            kit!.Log.Add($"exec {(await u.Getcwd()).Path} {(await u.Stat("../p")).Error}");
            return 3;
        }));

        kit.Run();

        Assert.Equal(["child /p", "exec /q None", "parent /p status 3", "relative exec status 9"], kit.Log);
    }
}
