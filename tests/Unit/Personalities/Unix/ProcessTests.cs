using MachActors.Actors.Dispatch;
using MachActors.Kernel.Kern;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>Processes on whole machines: getpid, fork, exit, wait, exec, kill, signals, faults (docs/UNIX.md).</summary>
public sealed class ProcessTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkWait_ChildExits_ParentReapsItOnceWithItsStatus(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, me, parent) = await u.Getpid();
            kit!.Log.Add($"init {me} {parent}");
            var (e, child) = await u.Fork(async c =>
            {
                var (_, pid, ppid) = await c.Getpid();
                kit.Log.Add($"child {pid} {ppid}");
                return 7;
            });
            kit.Log.Add($"fork {e} {child}");
            var (we, wpid, status) = await u.Wait();
            kit.Log.Add($"wait {we} {wpid} exited {WaitStatus.IfExited(status)} {WaitStatus.ExitStatus(status)}");
            kit.Log.Add($"again {(await u.Wait()).Error}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["init 1 0", "fork None 2", "child 2 1", "wait None 2 exited True 7", "again ECHILD"], Ordered(kit.Log));
        Assert.Empty(kit.Machine.Machine.Status.Faults);
    }

    /// <summary>The log with the child's line moved after the fork line (the two run concurrently).</summary>
    private static IEnumerable<string> Ordered(IEnumerable<string> log)
    {
        var lines = log.ToList();
        var child = lines.Single(l => l.StartsWith("child", StringComparison.Ordinal));
        lines.Remove(child);
        lines.Insert(lines.FindIndex(l => l.StartsWith("fork", StringComparison.Ordinal)) + 1, child);
        return lines;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Fork_ChildAndParentWriteMemory_NeitherSeesTheOther(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, data) = await u.Mach.VmAllocate(u.Mach.TaskSelf, 0, (ulong)u.Mach.Machine.PageSize);
            await u.Mach.Mem.Write(data, [1]);
            var (_, read, write) = await u.Pipe();
            await u.Fork(async c =>
            {
                await c.Mach.Mem.Write(data, [2]);
                await c.Write(write, [9]);
                await c.Read(read, 1); // wait for the parent's write
                kit!.Log.Add($"child sees {(await c.Mach.Mem.Read(data, 1))[0]}");
                return 0;
            });
            await u.Read(read, 1);
            await u.Mach.Mem.Write(data, [3]);
            kit!.Log.Add($"parent sees {(await u.Mach.Mem.Read(data, 1))[0]}");
            await u.Write(write, [9]);
            await u.Wait();
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["child sees 2", "parent sees 3"], kit.Log.Order());
    }

    [Fact]
    public void Waitpid_NoHangAndSpecificPid_ZeroWhileRunningThenThatChild()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, r, w) = await u.Pipe();
            var (_, a) = await u.Fork(async c => { await c.Read(r, 1); return 1; });
            var (_, b) = await u.Fork(async c => 2);
            kit!.Log.Add($"nohang {(await u.Waitpid(a, WaitStatus.NoHang)).Pid}");
            var got = await u.Waitpid(b);
            kit.Log.Add($"b {got.Pid == b} {WaitStatus.ExitStatus(got.Status)}");
            await u.Write(w, [0]);
            got = await u.Waitpid(a);
            kit.Log.Add($"a {got.Pid == a} {WaitStatus.ExitStatus(got.Status)}");
            kit.Log.Add($"none {(await u.Waitpid(a)).Error} {(await u.Waitpid(99)).Error}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["nohang 0", "b True 2", "a True 1", "none ECHILD ECHILD"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Kill_TermKillAndCaughtTerm_StatusesAndHandlerRuns(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, never, _) = await u.Pipe();
            var (_, readyR, readyW) = await u.Pipe();
            var (_, goR, goW) = await u.Pipe();
            var (_, blocked) = await u.Fork(async c => { await c.Read(never, 1); return 0; }); // blocked in a pipe read
            var (_, catcher) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => Task.CompletedTask);
                await c.Write(readyW, [0]);
                await c.Read(goR, 1);        // the parent's go, after the kill
                await c.Getpid();            // the pending SIGTERM was reported with the read's reply, or here
                return c.Delivered.SequenceEqual([Signal.SIGTERM]) ? 5 : 6;
            });
            kit!.Log.Add($"kill {await u.Kill(blocked, Signal.SIGKILL)}");
            var (_, _, s1) = await u.Waitpid(blocked);
            kit.Log.Add($"killed {WaitStatus.IfSignaled(s1)} {WaitStatus.TermSig(s1)}");
            await u.Read(readyR, 1);
            await u.Kill(catcher, Signal.SIGTERM);
            await u.Write(goW, [0]);
            var (_, _, s2) = await u.Waitpid(catcher);
            kit.Log.Add($"caught {WaitStatus.ExitStatus(s2)}");
            kit.Log.Add($"esrch {await u.Kill(999, Signal.SIGTERM)} einval {await u.Kill(1, 99)} sigkill {await u.Signal(Signal.SIGKILL, (_, _) => Task.CompletedTask)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["kill None", "killed True 9", "caught 5", "esrch ESRCH einval EINVAL sigkill EINVAL"], kit.Log);
    }

    [Fact]
    public void Sigchld_ChildExits_ParentsHandlerRunsAtItsNextCall()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Signal(Signal.SIGCHLD, (_, s) => { kit!.Log.Add($"handler {s}"); return Task.CompletedTask; });
            await u.Fork(async c => 0);
            await u.Wait();
            await u.Getpid();
            return 0;
        });

        kit.Run();

        Assert.Equal(["handler 20"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Fault_ChildThrowsOrBadSyscall_SignaledStatusAndTheSystemGoesOn(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Fork(async c => { await c.Getpid(); int[] a = []; return a[1]; });      // EXC_BAD_ACCESS
            kit!.Log.Add($"segv {WaitStatus.TermSig((await u.Wait()).Status)}");
            await u.Fork(async c => { await c.Getpid(); return 1 / (c.Delivered.Count); });  // EXC_ARITHMETIC
            kit.Log.Add($"fpe {WaitStatus.TermSig((await u.Wait()).Status)}");
            await u.Fork(async c => { await c.RawSyscall(500); return 0; });               // not in the vector
            kit.Log.Add($"sys {WaitStatus.TermSig((await u.Wait()).Status)}");
            kit.Log.Add($"still {(await u.Getpid()).Pid}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal([$"segv {Signal.SIGSEGV}", $"fpe {Signal.SIGFPE}", $"sys {Signal.SIGSYS}", "still 1"], kit.Log);
        Assert.Empty(kit.Machine.Machine.Status.Faults); // the server handled every exception: no task died unhandled
    }

    [Fact]
    public void Exec_NamedProgram_RunsWithSamePidArgsAndMappedText()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            kit!.Log.Add($"missing {await u.Exec("nosuch")}");
            var (_, fd) = await u.Open("/bin/junk", 0x201);
            await u.Write(fd, "not a program");
            kit.Log.Add($"junk {await u.Exec("junk")}");
            await u.Fork(async c => { await c.Exec("/bin/echo", "echo", "hi"); return 99; });
            var (_, pid, status) = await u.Wait();
            kit.Log.Add($"exit {pid} {WaitStatus.ExitStatus(status)}");
            return 0;
        }, programs: p => p.Register("echo", async (u, argv) =>
        {
            kit!.Log.Add($"echo {(await u.Getpid()).Pid} {string.Join(",", argv)} [{await u.TextHeader()}]");
            return 3;
        }));

        kit.Run();

        Assert.Equal(["missing ENOENT", "junk ENOEXEC", $"echo 2 echo,hi [{UnixServer.TextMagic} echo]", "exit 2 3"], kit.Log);
    }
}
