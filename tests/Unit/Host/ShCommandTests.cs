using MachActors.Host;

namespace MachActors.Tests.Unit.Host;

/// <summary>'machactors sh': -c runs one line (status: the last command's), stdin lines as an interactive shell, the disk image across runs, bad usage and a damaged image.</summary>
public sealed class ShCommandTests : IDisposable
{
    private readonly string _image = Path.Combine(Path.GetTempPath(), "machactors-sh-" + Guid.NewGuid().ToString("N") + ".img");

    public void Dispose() => File.Delete(_image);

    [Fact]
    public void ShC_Pipeline_PrintsOutputAndExitsZero()
    {
        var run = CliInvocation.Of("sh", "-c", "echo hello | wc -c; ls /");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("6\nbin\ndev\ntmp\n", run.Out);
    }

    [Theory]
    [InlineData("false", 1)]
    [InlineData("true; false; true", 0)]
    [InlineData("nosuch", 127)]
    [InlineData("segv", 139)]
    [InlineData("exit 7", 7)]
    [InlineData("echo |", 2)]
    public void ShC_ExitStatus_IsTheLastCommands(string line, int status) =>
        Assert.Equal(status, CliInvocation.Of("sh", "-c", line).ExitCode);

    [Fact]
    public void ShC_LoopOfBuiltinsOnly_EndsAtTheTimeLimitNotAHang() // each round costs CPU time, so the machine's clock moves
    {
        var run = CliInvocation.Of("sh", "--max-time", "1s", "-c", "while true; do true; done");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("did not end within 1s", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ShC_BadUsage_Exit2()
    {
        Assert.Equal(Cli.ExitUsage, CliInvocation.Of("sh", "-c").ExitCode);
        Assert.Equal(Cli.ExitUsage, CliInvocation.Of("sh", "-c", "true", "extra").ExitCode);
    }

    [Fact]
    public void Sh_StdinLines_RunInOrderWithState()
    {
        var run = CliInvocation.WithInput("echo one > /f\necho two >> /f\ncat /f | wc -l\nnosuch\n", "sh");

        Assert.Equal("2\nsh: nosuch: not found\n", run.Out);
        Assert.Equal(127, run.ExitCode);
    }

    [Fact]
    public void Sh_Interactive_EachCommandsOutputIsWrittenBeforeTheNextLineIsRead()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var input = new WatchingReader(output, "echo hi", "echo there | wc -c", "exit 3");

        var code = Cli.Run(["sh"], output, error, input);

        Assert.Equal(["", "hi\n", "hi\n6\n"], input.SeenAtEachRead);
        Assert.Equal((3, "hi\n6\n", ""), (code, output.ToString(), error.ToString()));
    }

    [Fact]
    public void Sh_DashI_PromptsBeforeEachLineAndEndsTheLineAtEndOfInput()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var input = new WatchingReader(output, "echo hi", "false");

        var code = Cli.Run(["sh", "-i"], output, error, input);

        Assert.Equal(["$ ", "$ hi\n$ ", "$ hi\n$ $ "], input.SeenAtEachRead);
        Assert.Equal((1, "$ hi\n$ $ \n"), (code, output.ToString()));
    }

    [Fact]
    public void Sh_DashI_ContinuedCommand_PromptsAndRunsWhenComplete()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var input = new WatchingReader(output, "for f in a b", "do echo $f", "done");

        var code = Cli.Run(["sh", "-i"], output, error, input);

        Assert.Equal(["$ ", "$ > ", "$ > > ", "$ > > a\nb\n$ "], input.SeenAtEachRead);
        Assert.Equal((0, "$ > > a\nb\n$ \n"), (code, output.ToString()));
    }

    [Fact]
    public void Sh_StdinScript_CompoundOverLinesRunsAndOpenAtEndIsASyntaxError()
    {
        var run = CliInvocation.WithInput("if true\nthen\n  echo in\nfi\nwhile true\ndo\n", "sh");

        Assert.Equal("in\nsh: syntax error: unexpected end of line\n", run.Out);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Sh_CommandReadingTheConsole_GetsTheNextLinesOfStandardInput()
    {
        var run = CliInvocation.WithInput("cat\nfed to cat\n", "sh");
        var dashC = CliInvocation.WithInput("a\nb\n", "sh", "-c", "cat | wc -l; echo end");

        Assert.Equal((0, "fed to cat\n"), (run.ExitCode, run.Out));
        Assert.Equal((0, "2\nend\n"), (dashC.ExitCode, dashC.Out));
    }

    [Fact]
    public void Sh_SameInputAndSeed_SameOutput()
    {
        const string script = "sleep 1 &\nps\necho a | wc -c\nwait\nps\n";

        var first = CliInvocation.WithInput(script, "sh", "--seed", "5");
        var second = CliInvocation.WithInput(script, "sh", "--seed", "5");

        Assert.Equal(first, second);
        Assert.Contains("sleep", first.Out);
    }

    [Fact]
    public void Image_FileWrittenInOneRun_IsReadByTheNext()
    {
        var first = CliInvocation.Of("sh", "--image", _image, "-c", "mkdir /tmp/d; echo persisted > /tmp/d/f");
        var second = CliInvocation.Of("sh", "--image", _image, "-c", "cat /tmp/d/f; ls /");

        Assert.Equal((0, ""), (first.ExitCode, first.Out));
        Assert.Equal("persisted\nbin\ndev\ntmp\n", second.Out);
        Assert.Equal(0, second.ExitCode);
    }

    [Fact]
    public void Image_Damaged_ClearErrorAndExit2()
    {
        File.WriteAllBytes(_image, [.. Enumerable.Repeat((byte)0x5a, 1 << 20)]);

        var run = CliInvocation.Of("sh", "--image", _image, "-c", "ls /");

        Assert.Equal(Cli.ExitUsage, run.ExitCode);
        Assert.Contains("does not mount (Damaged)", run.Err);
        Assert.Equal("", run.Out);
    }

    /// <summary>Standard input that records what the output held each time a line was asked for (the shell must have printed each command's output by then).</summary>
    private sealed class WatchingReader(StringWriter output, params string[] lines) : TextReader
    {
        private int _next;

        public List<string> SeenAtEachRead { get; } = [];

        public override string? ReadLine()
        {
            SeenAtEachRead.Add(output.ToString());
            return _next < lines.Length ? lines[_next++] : null;
        }
    }
}
