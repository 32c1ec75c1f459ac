using MachActors.Host.Runs;
using MachActors.Personalities.Unix;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>The default <c>machactors run</c>: both personalities on one machine, the script's console text, the RT report, the exit code.</summary>
public class PersonalitiesWorkloadTests
{
    private const string PsHeader = "  PID  PPID S COMMAND";

    [Fact]
    public void Run_WithNoArguments_BootsBothPersonalitiesAndPrintsTheSameTwice()
    {
        var run = CliInvocation.Repeatable("run").Succeeds(
            "workload 'personalities'", "machine: 2 CPUs", "every thread ended after", "no faults",
            "Console (what the UNIX side printed):", "  6\n", "  bin\n", PsHeader,
            "Real-time executive", "control", "sensor", "logger", "deadline misses: 0\n",
            "init (sh -c) exited with status 0", "context switches");

        Assert.DoesNotContain("(still running)", run.Out);
        Assert.True(run.Out.IndexOf("Console (", StringComparison.Ordinal) < run.Out.IndexOf(" busy ", StringComparison.Ordinal), "the console comes before the tables");
        Assert.True(run.Out.IndexOf("Pagers (", StringComparison.Ordinal) < run.Out.IndexOf("Real-time executive", StringComparison.Ordinal), "the RT report comes after the tables");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public void Run_OnTheParallelDispatcher_MeetsEveryDeadlineAndEndsTheScript(string cpus) =>
        CliInvocation.Of("run", "--parallel", "--cpus", cpus).Succeeds(
            "parallel (thread pool)", "  6\n", "  bin\n", PsHeader, "deadline misses: 0\n", "init (sh -c) exited with status 0");

    [Fact]
    public void Run_WithStatsJson_ReportsTheConsoleTheScriptStatusAndTheMisses()
    {
        var json = CliInvocation.Of("run", "--stats", "json").Succeeds().Out;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var p = doc.RootElement.GetProperty("personalities");

        Assert.StartsWith("6\nbin\n", p.GetProperty("console").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, p.GetProperty("scriptStatus").GetInt32());
        Assert.Equal(0, p.GetProperty("deadlineMisses").GetInt32());
        Assert.True(p.GetProperty("rtFinished").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("outcome").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void Run_OtherWorkloadWithStatsJson_HasNoPersonalities()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(CliInvocation.Of("run", "--workload", "compute", "--stats", "json").Succeeds().Out);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("personalities").ValueKind);
    }

    [Fact]
    public void Run_StoppedBeforeTheRtSetEnds_Exits1AndSaysWhy()
    {
        var run = CliInvocation.Of("run", "--max-time", "20ms");

        Assert.Equal(MachActors.Host.Cli.ExitFailure, run.ExitCode);
        Assert.Contains("(the executive had not finished)", run.Err);
        Assert.Contains("(still running)", run.Out);
    }

    [Theory]
    [InlineData(0, null, 0, true, true)]
    [InlineData(1, null, 0, true, false)]   // the script failed
    [InlineData(0, null, 2, true, false)]   // a deadline missed
    [InlineData(0, null, 0, false, false)]  // the executive did not finish
    [InlineData(0, "no disk", 0, true, false)]
    public void Succeeded_OnlyWhenTheScriptExits0AndNoDeadlineIsMissed(int exit, string? bootError, int misses, bool rtFinished, bool expected) =>
        Assert.Equal(expected, new PersonalitiesOutcome("", WaitStatus.Exited(exit), bootError, "", misses, rtFinished).Succeeded);

    [Fact]
    public void Succeeded_WhenInitDidNotEnd_IsFalseAndTheSummarySaysSo()
    {
        var outcome = new PersonalitiesOutcome("", null, null, "", 0, true);

        Assert.False(outcome.Succeeded);
        Assert.Equal("init (sh -c) had not ended when the run stopped", outcome.UnixSummary);
    }

    [Fact]
    public void ScriptStatus_OfAKilledInit_Is128PlusTheSignal() =>
        Assert.Equal(128 + Signal.SIGSEGV, new PersonalitiesOutcome("", WaitStatus.Signaled(Signal.SIGSEGV), null, "", 0, true).ScriptStatus);

    [Fact]
    public void Registry_ListsPersonalitiesAsTheDefault()
    {
        var registry = HostWorkloads.Registry();

        Assert.Contains(PersonalitiesWorkload.Name, registry.Names);
        Assert.Contains("compute", registry.Names);
        Assert.Equal(PersonalitiesWorkload.Name, HostWorkloads.Default);
        Assert.Contains(PersonalitiesWorkload.Script, registry.DescriptionOf(PersonalitiesWorkload.Name), StringComparison.Ordinal);
    }
}
