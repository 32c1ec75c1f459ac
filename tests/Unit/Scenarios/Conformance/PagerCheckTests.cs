using MachActors.Scenarios;
using MachActors.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

/// <summary>The pager check's engine: a row per duty, then one per scenario that takes a pager; a race found by the exploration fails its row with a schedule file.</summary>
public sealed class PagerCheckTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("pager-check-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void Scenarios_AreTheOnesThatTakeAPager() =>
        Assert.Equal(["vm-shared-page", "vm-pager-stamps", "vm-pageout-refault", "vm-terminate-race", "vm-shared-object"], PagerCheck.Scenarios.Select(s => s.Name));

    [Fact]
    public void Explore_APluginLosingReturnedPages_FailsWithTheSchedule()
    {
        var plugin = typeof(ForgetfulPager).Assembly.Location + ":" + typeof(ForgetfulPager).FullName;

        var row = PagerCheck.Explore(ScenarioCatalog.Find("vm-pageout-refault")!, plugin, new PagerCheckOptions { Iterations = 5, OutputDirectory = _out });

        Assert.Equal(PagerVerdict.Fail, row.Verdict);
        Assert.Contains("the last value written there", row.Detail); // the VM oracle monitor sees the lost page first
        Assert.True(File.Exists(row.ScheduleFile), row.ScheduleFile);
        Assert.Equal("machactors replay " + row.ScheduleFile, row.ReplayCommand);
    }

    [Fact]
    public void Run_TheMemoryPager_GivesARowPerDutyAndScenarioAndNoFailure()
    {
        var names = new List<string>();

        var rows = PagerCheck.Run(size => Props.Create(() => new MachActors.Pagers.Memory.MemoryPager(size)), null, new PagerCheckOptions { Iterations = 1, OutputDirectory = _out }, new SyncProgress(names.Add));

        Assert.Equal(PagerContract.Duties.Count + PagerCheck.Scenarios.Count, rows.Count);
        Assert.Equal(rows.Select(r => r.Name), names);
        Assert.DoesNotContain(rows, r => r.Verdict == PagerVerdict.Fail);
        Assert.Empty(Directory.GetFiles(_out));
    }

    /// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
