using System.Reflection;
using MachActors.Host;

namespace MachActors.Tests.Unit.Host;

/// <summary>The machactors command as a whole: version, help, unknown commands, options and values, and the runtime demo.</summary>
public class CliTests
{
    [Fact]
    public void Version_PrintsTheAssemblyVersion()
    {
        var result = CliInvocation.Of("--version").Succeeds();

        var expected = typeof(Cli).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(expected, result.Out.Trim());
        Assert.StartsWith(expected, typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
    }

    [Fact]
    public void Help_ListsTheCommands() => CliInvocation.Of("--help").Succeeds("run", "workloads", "demo", "--version");

    [Fact]
    public void UnknownOption_ExitsWith2AndNamesIt() => CliInvocation.Of("run", "--bogus").FailsWithUsage("--bogus");

    [Fact]
    public void UnknownCommand_ExitsWith2AndNamesIt() => CliInvocation.Of("frobnicate").FailsWithUsage("frobnicate");

    [Fact]
    public void Demo_WithTheSameSeed_PrintsIdenticalOutput() =>
        CliInvocation.Repeatable("demo", "--seed", "42", "--trace").Succeeds("random(seed=42)", "Deliver");

    [Fact]
    public void Demo_ReportsTheRestartAndTheDeathWatch() =>
        CliInvocation.Of("demo").Succeeds("worker-2 failed", "worker-3 stopped", "failures / restarts", "1 / 1", "100ms");

    [Fact]
    public void Demo_OnTheParallelDispatcher_Completes() =>
        CliInvocation.Of("demo", "--parallel", "--duration", "200ms").Succeeds("parallel", "200ms", "1 / 1");

    [Theory]
    [InlineData("demo", "--seed", "abc", "expected a whole number")]
    [InlineData("demo", "--seed", "-1", "expected a whole number")]
    [InlineData("demo", "--duration", "100", "expected a positive whole number with a unit")]
    [InlineData("demo", "--duration", "0ms", "expected a positive whole number with a unit")]
    [InlineData("run", "--seed", "abc", "expected a whole number")]
    [InlineData("run", "--max-time", "fast", "expected a positive whole number with a unit")]
    [InlineData("run", "--max-time", "0ms", "expected a positive whole number with a unit")]
    [InlineData("run", "--cpus", "0", "CPU count must be between 1 and 64, not 0")]
    [InlineData("run", "--cpus", "65", "CPU count must be between 1 and 64, not 65")]
    [InlineData("run", "--cpus", "-1", "expected a whole number")]
    [InlineData("run", "--cpus", "two", "expected a whole number")]
    [InlineData("run", "--cpus", "99999999999", "expected a whole number no larger than")]
    public void BadValue_ExitsWith2AndSaysWhy(string command, string option, string value, string why) =>
        CliInvocation.Of(command, option, value).FailsWithUsage($"Invalid value '{value}' for {option}: {why}");
}
