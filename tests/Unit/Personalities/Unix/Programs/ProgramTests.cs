using MachActors.Hardware;
using MachActors.Hardware.Device;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>Each standard program on a whole machine, run by <c>sh -c</c>, its output read from the console device, error cases included.</summary>
public sealed class ProgramTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    private static string Run(string line, out int status, DispatcherKind kind = DispatcherKind.Controlled)
    {
        var (output, s, kit) = ShellKit.Run(line, kind);
        kit.Dispose();
        status = s;
        return output;
    }

    [Theory]
    [InlineData("echo hello world", "hello world\n", 0)]
    [InlineData("echo -n a; echo b", "ab\n", 0)]
    [InlineData("echo hi > /f; cat /f /f", "hi\nhi\n", 0)]
    [InlineData("cat /x", "cat: /x: No such file or directory\n", 1)]
    [InlineData("echo a > /f; cat /x /f", "cat: /x: No such file or directory\na\n", 1)]
    [InlineData("echo one two > /f; echo three >> /f; wc /f; wc -l < /f; wc -w /f", "2 3 14 /f\n2\n3 /f\n", 0)]
    [InlineData("wc -z", "usage: wc [-lwc] [FILE]\n", 1)]
    [InlineData("mkdir /d /d/e; echo x > /d/f; ls /d; ls -l /d", "e\nf\nd        0 e\n-        2 f\n", 0)]
    [InlineData("ls /nope", "ls: /nope: No such file or directory\n", 1)]
    [InlineData("mkdir /bin", "mkdir: /bin: File exists\n", 1)]
    [InlineData("echo abc > /a; cp /a /b; mkdir /d; cp /b /d; cat /b /d/b", "abc\nabc\n", 0)]
    [InlineData("cp /none /b", "cp: /none: No such file or directory\n", 1)]
    [InlineData("echo a > /a; rm /a /a; ls /", "rm: /a: No such file or directory\nbin\ndev\ntmp\n", 0)]
    [InlineData("rm /bin", "rm: /bin: Is a directory\n", 1)]
    [InlineData("echo 1 > /f; echo 2 >> /f; echo 3 >> /f; head -2 /f; head -n 1 /f", "1\n2\n1\n", 0)]
    [InlineData("head -x", "head: x: bad line count\n", 1)]
    [InlineData("sleep x", "usage: sleep SECONDS\n", 1)]
    [InlineData("forktest 20", "forktest: 20 children ok\n", 0)]
    [InlineData("forktest 0", "usage: forktest [N], 1 to 200\n", 1)]
    [InlineData("hog 4", "hog: 4 pages ok\n", 0)]
    [InlineData("echo hello world > /f; mmap /f 6 WORLD; cat /f; mmap /f", "hello WORLD\nhello WORLD\n", 0)]
    [InlineData("echo abc > /f; mmap /f 2 xyz; cat /f", "mmap: /f: 1 bytes past the end of the file not kept\nabxy", 0)]
    [InlineData("mmap /nope; mmap /f x y; mmap", "mmap: /nope: No such file or directory\nmmap: x: bad offset\nusage: mmap FILE | mmap FILE OFFSET TEXT\n", 2)]
    [InlineData("mkdir /d; mmap /d", "mmap: /d: Invalid argument\n", 1)]
    public void Program_Line_ConsoleOutputAndStatus(string line, string expected, int status)
    {
        Assert.Equal(expected, Run(line, out var s));
        Assert.Equal(status, s);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Pipelines_EchoWc_YesHead_EndWithTheRightOutput(DispatcherKind kind)
    {
        Assert.Equal("6\ny\ny\ny\ny\nok\n", Run("echo hello | wc -c; yes | head -3; yes | head -1 && echo ok", out var s, kind));
        Assert.Equal(0, s);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void BadInput_UnknownProgram_Fault_Syntax_ReportedAndTheShellGoesOn(DispatcherKind kind)
    {
        var output = Run("nosuch arg; segv; echo after; cat < /missing; true && false || echo or", out var s, kind);

        Assert.Equal("sh: nosuch: not found\nSegmentation fault\nafter\nsh: /missing: No such file or directory\nor\n", output);
        Assert.Equal(0, s);
        Assert.Equal(127, ShellKit.Run("nosuch").Status);
        Assert.Equal(128 + 11, ShellKit.Run("segv").Status);
        Assert.Equal(2, ShellKit.Run("echo |").Status);
    }

    [Fact]
    public void Sleep_OneSecond_AdvancesVirtualTimeNotHostTime()
    {
        using var kit = new ShellKit("sleep 1");
        var host = System.Diagnostics.Stopwatch.StartNew();

        kit.Machine.RunToEnd(Duration.FromSeconds(60));

        var now = kit.Machine.Sys.Now.SinceBoot;
        Assert.InRange(now.Nanoseconds, 1_000_000_000L, 1_100_000_000L);
        Assert.True(host.Elapsed < TimeSpan.FromSeconds(30)); // not a host sleep (generous: loaded machines)
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Background_AndWait_BothRunAndWaitReapsThem(DispatcherKind kind)
    {
        using var kit = new ShellKit("sleep 2 & sleep 1 & echo started; wait; echo done; ps", kind);

        kit.Machine.RunToEnd(Duration.FromSeconds(60));

        Assert.Equal("started\ndone\n  PID  PPID S COMMAND\n    1     0 R sh\n    8     1 R ps\n", kit.Output);
        Assert.InRange(kit.Machine.Sys.Now.SinceBoot.Nanoseconds, 2_000_000_000L, 2_100_000_000L);
    }

    [Fact]
    public void Ps_WhileChildrenRun_ListsPidsAndProgramNames()
    {
        var output = Run("sleep 1 & yes | ps", out _);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("  PID  PPID S COMMAND", lines[0]);
        Assert.Equal(["1 0 sh", "2 1 sh", "3 2 sleep", "4 1 yes", "5 1 ps"], // the background list's shell (2) forked sleep
            lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(f => $"{f[0]} {f[1]} {f[3]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hog_SmallMachineWithSwap_ForcesPageouts()
    {
        var machine = new MachineConfig
        {
            FrameCount = 64,
            Disks = [new DiskConfig { Name = "swap" }],
            SwapDisk = "swap",
        };
        var (output, status, kit) = ShellKit.Run("hog 128", machine: machine);
        using var _ = kit;

        Assert.Equal("hog: 128 pages ok\n", output);
        Assert.Equal(0, status);
        Assert.True(kit.Machine.Machine.Status.Vm.Pageouts > 0, "no pageouts");
        Assert.True(kit.Machine.Machine.Status.Vm.Pageins > 0, "no pageins");
    }
}
