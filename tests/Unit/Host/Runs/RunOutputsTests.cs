using System.Text.Json;
using MachActors.Host;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary><c>run --trace FILE</c> (Chrome Trace Event JSON), <c>--trace</c> alone, <c>--stats json</c> and <c>--config</c> through the command line.</summary>
public sealed class RunOutputsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("machactors-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string? text = null)
    {
        var path = Path.Combine(_dir, name);
        if (text is not null) System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trace_OfAPagingRun_IsAValidChromeTraceWithFaultsAndPageouts(bool parallel)
    {
        var path = File("paging.json");
        string[] args = ["run", "--workload", "paging", "--frames", "48", "--trace", path];

        var run = CliInvocation.Of(parallel ? [.. args, "--parallel"] : args).Succeeds("Trace: ", "events written to " + path, "ui.perfetto.dev");

        var events = ChromeTraceChecks.Check(path, cpus: 2);
        var faults = events.Where(e => ChromeTraceChecks.Phase(e) == "i" && ChromeTraceChecks.Name(e) == "page fault").ToList();
        Assert.Equal(VmCount(run.Out, 0), faults.Count);                         // one instant per VM fault in the table
        Assert.Equal(VmCount(run.Out, 3), events.Count(e => ChromeTraceChecks.Name(e) == "pageout"));
        Assert.All(faults, f => Assert.InRange(f.GetProperty("tid").GetInt32(), 1, 2));
        Assert.Contains(events, e => ChromeTraceChecks.Name(e) == "thread_name" && e.GetProperty("args").GetProperty("name").GetString() == "paging daemon (pageouts)");
    }

    [Theory]
    [InlineData(false, "1")]
    [InlineData(false, "3")]
    [InlineData(true, "2")]
    public void Trace_OfAnIpcRun_HasFlowsBetweenThreadsAndATaskPerClient(bool parallel, string cpus)
    {
        var path = File("ipc.json");
        string[] args = ["run", "--workload", "ipc", "--cpus", cpus, "--trace", path];

        CliInvocation.Of(parallel ? [.. args, "--parallel"] : args).Succeeds("events written");

        var events = ChromeTraceChecks.Check(path, int.Parse(cpus, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(events.Count(e => ChromeTraceChecks.Phase(e) == "s") >= 20, "the clients' RPCs and bursts are flows");
        var tasks = events.Where(e => ChromeTraceChecks.Phase(e) == "X").Select(e => e.GetProperty("args").GetProperty("task").GetString()).Distinct().Count();
        Assert.True(tasks >= 4, $"the server and three clients ran: {tasks} tasks");
    }

    [Fact]
    public void Trace_WithTheSameSeed_WritesTheSameFile()
    {
        var (first, second) = (File("1.json"), File("2.json"));

        CliInvocation.Of("run", "--workload", "ipc", "--seed", "4", "--trace", first).Succeeds();
        CliInvocation.Of("run", "--workload", "ipc", "--seed", "4", "--trace", second).Succeeds();

        Assert.Equal(System.IO.File.ReadAllBytes(first), System.IO.File.ReadAllBytes(second));
    }

    [Theory]
    [InlineData("--trace")]
    [InlineData("--trace", "-")]
    public void TraceWithoutAFile_PrintsTheEventsAsBefore(params string[] trace)
    {
        var run = CliInvocation.Of(["run", "--workload", "compute", "--max-time", "20ms", .. trace]).Succeeds("Trace (", "Deliver", "ClockInterrupt");

        Assert.DoesNotContain("events written", run.Out);
    }

    [Fact]
    public void Trace_ToAFileThatCannotBeWritten_ExitsWith2BeforeTheRun() =>
        CliInvocation.Of("run", "--trace", "/no/such/dir/t.json").FailsWithUsage("cannot write the trace file /no/such/dir/t.json");

    [Fact]
    public void StatsJson_HasTheTablesNumbers()
    {
        var table = CliInvocation.Of("run", "--workload", "ipc", "--seed", "3").Succeeds().Out;
        var json = CliInvocation.Of("run", "--workload", "ipc", "--seed", "3", "--stats", "json").Succeeds().Out;

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("machactors-run-stats/1", root.GetProperty("format").GetString());
        Assert.Equal("ipc", root.GetProperty("config").GetProperty("workload").GetString());
        Assert.Equal(0, root.GetProperty("outcome").GetProperty("exitCode").GetInt32());
        Assert.True(root.GetProperty("outcome").GetProperty("completed").GetBoolean());
        var ipc = root.GetProperty("ipc");
        long[] ipcRow = [.. new[] { "sent", "rpcs", "received", "handoffs", "blockedSends", "notifications", "portsCreated", "portsDestroyed" }.Select(k => ipc.GetProperty(k).GetInt64())];
        Assert.Equal(Numbers(TableRows(table, "blocked sends")[0]), ipcRow);
        var vm = root.GetProperty("vm");
        long[] vmRow = [.. new[] { "faults", "zeroFills", "pageins", "pageouts", "unwrittenMax" }.Select(k => vm.GetProperty(k).GetInt64())];
        Assert.Equal(Numbers(TableRows(table, "zero fills")[0][..5]), vmRow);
        var cpus = root.GetProperty("cpus").EnumerateArray().Select(c => new[] { c.GetProperty("contextSwitches").GetInt64(), c.GetProperty("traps").GetInt64() }).ToList();
        Assert.Equal(TableRows(table, "context switches").Select(r => Numbers(r[^2..])), cpus);
        Assert.Equal(TableRows(table, "dispatches").Count, root.GetProperty("threads").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pagers").GetProperty("defaultPager").ValueKind);
    }

    [Fact]
    public void StatsJson_OfAPagingRun_HasTheDefaultPagersCountsAndSamples()
    {
        var json = CliInvocation.Of("run", "--workload", "paging", "--frames", "48", "--stats", "json").Succeeds().Out;

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var pager = root.GetProperty("pagers").GetProperty("defaultPager");
        Assert.Equal(root.GetProperty("vm").GetProperty("pageouts").GetInt64(), pager.GetProperty("pagesWritten").GetInt64());
        Assert.True(pager.GetProperty("slotCount").GetInt64() > 0);
        Assert.NotEmpty(root.GetProperty("vm").GetProperty("freeFrameSamples").EnumerateArray());
    }

    [Fact]
    public void Config_SetsTheRun_AndFlagsWin()
    {
        var config = File("m.json", """{ "workload": "ipc", "cpus": 3, "seed": 9, "affinity": true, "maxTime": "5s" }""");

        CliInvocation.Of("run", "--config", config).Succeeds("workload 'ipc'", "machine: 3 CPUs", "random(seed=9)", "affinity scheduling on", "time limit 5s");
        CliInvocation.Of("run", "--config", config, "--cpus", "1", "--seed", "2", "--affinity", "false").Succeeds("workload 'ipc'", "machine: 1 CPU ", "random(seed=2)", "affinity scheduling off");
    }

    [Fact]
    public void Config_WithMemoryKeys_ShapesTheMachine() =>
        CliInvocation.Of("run", "--config", File("m.json", """{ "workload": "compute", "frames": 100, "swapBlocks": 4096 }"""), "--max-time", "50ms")
            .Succeeds("memory: 100 frames of 4096 bytes (400 KiB); swap on disk 'swap', 4096 blocks");

    [Fact]
    public void Config_Malformed_ExitsWith2WithFileLineAndProblem()
    {
        var config = File("bad.json", "{\n  \"cpus\": 2,\n  \"frames\": 12\n}\n");

        CliInvocation.Of("run", "--config", config).FailsWithUsage(config + ":3:13: invalid value 12 for \"frames\": physical frames must be between 48 and 262144");
    }

    [Fact]
    public void Config_WithAPagerAndAWorkloadWithoutAMemoryObject_ExitsWith2() =>
        CliInvocation.Of("run", "--config", File("p.json", """{ "workload": "ipc", "pager": "x.dll:X" }""")).FailsWithUsage("workload 'ipc' maps none");

    [Fact]
    public void Config_WithAPagerThatDoesNotLoad_ExitsWith2AsTheFlagDoes() =>
        CliInvocation.Of("run", "--config", File("p.json", """{ "pager": "/no/such/p.dll:My.Pager" }""")).FailsWithUsage("cannot use --pager", "/no/such/p.dll");

    [Fact]
    public void Output_WhenRedirected_HasNoEscapeSequences()
    {
        var run = CliInvocation.Of("run", "--workload", "paging", "--frames", "48").Succeeds();

        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain("virtual time 0", run.Out); // no progress line
    }

    [Theory]
    [InlineData(Cli.ExitOk, "run", "--workload", "compute", "--max-time", "20ms")]  // stopped by the time limit: still 0
    [InlineData(Cli.ExitFailure, "run", "--max-time", "20ms")]                     // personalities stopped before the RT set ended: 1
    [InlineData(Cli.ExitFailure, "run", "--workload", "paging", "--swap-blocks", "64")] // swap too small: the threads fault
    [InlineData(Cli.ExitUsage, "run", "--cpus", "0")]
    [InlineData(Cli.ExitUsage, "run", "--stats", "xml")]
    [InlineData(Cli.ExitUsage, "run", "--config", "/no/such/machine.json")]
    public void ExitCode_IsAsDocumented(int code, params string[] args) => Assert.Equal(code, CliInvocation.Of(args).ExitCode);

    [Fact]
    public void Help_DocumentsTheExitCodesAndTheNewOptions() =>
        CliInvocation.Of("run", "--help").Succeeds("Exit codes: 0", "; 1 a thread", "2 bad input", "--config", "FILE.json", "--trace <FILE>", "--stats", "table|json");

    [Fact]
    public void StatsJson_OfAFaultingRun_SaysExitCode1AndListsTheFaults()
    {
        var run = CliInvocation.Of("run", "--workload", "paging", "--swap-blocks", "64", "--stats", "json");

        Assert.Equal(Cli.ExitFailure, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var outcome = document.RootElement.GetProperty("outcome");
        Assert.Equal(Cli.ExitFailure, outcome.GetProperty("exitCode").GetInt32());
        Assert.Contains("EXC_BAD_ACCESS", outcome.GetProperty("faults")[0].GetString());
        Assert.Contains("thread(s) faulted (see Faults in the JSON)", run.Err);
    }

    /// <summary>The number in column <paramref name="column"/> of the VM table's row.</summary>
    private static long VmCount(string output, int column) => long.Parse(TableRows(output, "zero fills")[0][column], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cells of each body row (up to the footer) of the table whose header line contains <paramref name="header"/>.</summary>
    private static List<string[]> TableRows(string output, string header)
    {
        var lines = output.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains(header, StringComparison.Ordinal) && l.Contains('│'));
        var rows = new List<string[]>();
        for (var i = at + 2; i < lines.Length && lines[i].StartsWith('│'); i++)
        {
            rows.Add(lines[i].Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return rows;
    }

    private static long[] Numbers(IEnumerable<string> cells) => [.. cells.Select(c => long.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];
}
