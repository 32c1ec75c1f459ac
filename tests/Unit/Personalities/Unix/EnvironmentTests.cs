using MachActors.Hardware;
using MachActors.Kernel.Kern;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>The environment on whole machines: init's from the configuration, inherited by fork, passed by exec, changed only locally; bad entries, E2BIG, PATH search, the old exec call.</summary>
public sealed class EnvironmentTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    /// <summary>A program "show" that logs its argv and its environment.</summary>
    private static Action<UnixProgramRegistry> Show(Func<UnixKit> kit) => p => p.Register("show", (u, argv) =>
    {
        kit().Log.Add($"show {string.Join(",", argv)} [{string.Join(" ", u.Environ)}]");
        return Task.FromResult(0);
    });

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkAndExec_Environment_InheritedPassedAndLocal(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            kit!.Log.Add($"init {u.Getenv("HOME")} {u.Getenv("PATH")} {u.Getenv("X") ?? "-"}");
            u.Setenv("X", "1");
            await u.Fork(async c =>
            {
                kit.Log.Add($"child {c.Getenv("X")}");
                c.Setenv("Y", "2"); // the child's own copy
                return 0;
            });
            await u.Wait();
            kit.Log.Add($"parent {u.Getenv("Y") ?? "-"}");
            u.Unsetenv("HOME");
            await u.Fork(async c => { await c.Exec("show", "show", "a"); return 99; });
            var (_, _, status) = await u.Wait();
            kit.Log.Add($"status {WaitStatus.ExitStatus(status)}");
            return 0;
        }, kind, Show(() => kit!));

        kit.Run();

        Assert.Equal(["init / /bin -", "child 1", "parent -", "show show,a [PATH=/bin X=1]", "status 0"], kit.Log);
    }

    [Fact]
    public void Execve_MalformedEntries_DroppedAndOversized_E2big()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var big = "B=" + new string('x', EnvironmentList.MaxBytes);
            kit!.Log.Add($"env {await u.Execve("/bin/show", ["show"], [big])}");
            kit.Log.Add($"args {await u.Execve("/bin/show", ["show", new string('y', EnvironmentList.MaxBytes)], [])}");
            kit.Log.Add($"sep {await u.Execve("/bin/show", ["sh\u001fow"], [])}");
            kit.Log.Add($"set {u.Setenv("", "v")} {u.Setenv("A=B", "v")} {u.Unsetenv("")} {u.Setenv("A", "x\u001f")}");
            await u.Fork(async c => { await c.Execve("/bin/show", ["show"], ["A=1", "junk", "=x", "A=2", "E="]); return 99; });
            await u.Wait();
            await u.Fork(async c => { await c.Execve("/bin/show", [], []); return 99; }); // no argv: the path
            await u.Wait();
            return 0;
        }, programs: Show(() => kit!));

        kit.Run();

        Assert.Equal(["env E2BIG", "args E2BIG", "sep E2BIG", "set EINVAL EINVAL EINVAL EINVAL", "show show [A=1 E=]", "show /bin/show []"], kit.Log);
    }

    [Fact]
    public void Exec_PathSearch_DirectoriesInOrderAndPathsAsThey()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            kit!.Log.Add($"nope {await u.Exec("show")}");
            kit.Log.Add($"bin {await Run(u, "/bin/show")}");
            await u.Mkdir("/x");
            await u.Chdir("/bin");
            u.Setenv("PATH", "/x:"); // /x/show is missing, the empty entry is the current directory
            kit.Log.Add($"cwd {await Run(u, "show")}");
            u.Unsetenv("PATH");
            kit.Log.Add($"default {await Run(u, "show")}");
            return 0;
        }, programs: Show(() => kit!), environment: ["PATH=/nope", "bad"]);

        kit.Run();

        Assert.Equal(["nope ENOENT", "show /bin/show [PATH=/nope]", "bin 0", "show show [PATH=/x:]", "cwd 0", "show show []", "default 0"], kit.Log);
    }

    [Fact]
    public void OldExecCall_ArgvOnly_ProgramGetsEmptyEnvironment()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Fork(async c =>
            {
                var (_, server) = await c.Mach.TaskGetSpecialPort(c.Mach.TaskSelf, SpecialPorts.Bootstrap);
                await new UnixCallsClient(c.Mach).ExecAsync(server, "show", "show\u001fa");
                return 99;
            });
            var (_, _, status) = await u.Wait();
            kit!.Log.Add($"status {WaitStatus.ExitStatus(status)}");
            return 0;
        }, programs: Show(() => kit!));

        kit.Run();

        Assert.Equal(["show show,a []", "status 0"], kit.Log);
    }

    /// <summary>Forks a child that execs <paramref name="name"/> (execvp); the child's exit status.</summary>
    private static async Task<int> Run(UnixEnv u, string name)
    {
        await u.Fork(async c => (int)await c.Exec(name));
        var (_, _, status) = await u.Wait();
        return WaitStatus.ExitStatus(status);
    }
}
