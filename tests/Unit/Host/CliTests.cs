using System.Reflection;
using MachActors.Host;

namespace MachActors.Tests.Unit.Host;

/// <summary>The machactors command, invoked in-process with captured output.</summary>
public class CliTests
{
    private sealed record Invocation(int ExitCode, string Out, string Err);

    private static Invocation Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.Run(args, output, error);
        return new Invocation(code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Version_PrintsTheAssemblyVersion()
    {
        var result = Invoke("--version");

        var expected = typeof(Cli).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(Cli.ExitOk, result.ExitCode);
        Assert.Equal(expected, result.Out.Trim());
        Assert.StartsWith(expected, typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Help_ListsTheRunCommand()
    {
        var result = Invoke("--help");

        Assert.Equal(Cli.ExitOk, result.ExitCode);
        Assert.Contains("run", result.Out);
        Assert.Contains("--version", result.Out);
    }

    [Fact]
    public void Run_WithTheSameSeed_PrintsIdenticalOutput()
    {
        var first = Invoke("run", "--seed", "42", "--trace");
        var second = Invoke("run", "--seed", "42", "--trace");

        Assert.Equal(Cli.ExitOk, first.ExitCode);
        Assert.Equal(Cli.ExitOk, second.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("random(seed=42)", first.Out);
        Assert.Contains("Deliver", first.Out);
        Assert.Equal("", first.Err);
    }

    [Fact]
    public void Run_ReportsTheRestartAndTheDeathWatch()
    {
        var result = Invoke("run");

        Assert.Equal(Cli.ExitOk, result.ExitCode);
        Assert.Contains("worker-2 failed", result.Out);
        Assert.Contains("worker-3 stopped", result.Out);
        Assert.Contains("failures / restarts", result.Out);
        Assert.Contains("1 / 1", result.Out);
        Assert.Contains("100ms", result.Out);
    }

    [Fact]
    public void Run_OnTheParallelDispatcher_Completes()
    {
        var result = Invoke("run", "--parallel", "--duration", "200ms");

        Assert.True(result.ExitCode == Cli.ExitOk, $"exit code {result.ExitCode}: {result.Err}");
        Assert.Contains("parallel", result.Out);
        Assert.Contains("200ms", result.Out);
        Assert.Contains("1 / 1", result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void UnknownOption_ExitsWith2AndNamesIt()
    {
        var result = Invoke("run", "--bogus");

        Assert.Equal(Cli.ExitUsage, result.ExitCode);
        Assert.Contains("--bogus", result.Err);
        Assert.Contains("--help", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void UnknownCommand_ExitsWith2AndNamesIt()
    {
        var result = Invoke("frobnicate");

        Assert.Equal(Cli.ExitUsage, result.ExitCode);
        Assert.Contains("frobnicate", result.Err);
    }

    [Theory]
    [InlineData("--seed", "abc")]
    [InlineData("--seed", "-1")]
    [InlineData("--duration", "100")]
    [InlineData("--duration", "0ms")]
    [InlineData("--duration", "fast")]
    public void BadValue_ExitsWith2AndSaysWhatWasExpected(string option, string value)
    {
        var result = Invoke("run", option, value);

        Assert.Equal(Cli.ExitUsage, result.ExitCode);
        Assert.Contains(option, result.Err);
        Assert.Contains($"'{value}'", result.Err);
        Assert.Contains("expected", result.Err);
        Assert.Equal("", result.Out);
    }
}
