using MachActors.Exploration;
using MachActors.Exploration.Strategies;

namespace MachActors.Tests.Unit.Exploration;

/// <summary>Schedule files and logs of found bugs, and replaying them (budgets: 200 iterations, seed 1).</summary>
public sealed class ScheduleFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "machactors-explore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private FoundBug FindRacyBug(string strategy) =>
        Explorer.Run(new RegisterScenario(racy: true), StrategyFactory.Create(new StrategyOptions { Name = strategy, Depth = 2 }),
            new ExplorationOptions { Iterations = 200, Seed = 1, MaxSteps = 2_000, OutputDirectory = _dir }).Bugs.Single();

    [Theory]
    [InlineData("pct")]
    [InlineData("random")]
    [InlineData("dfs")]
    public void Run_BugFound_WritesAScheduleAndALogThatReplayTheSameBug(string strategy)
    {
        var bug = FindRacyBug(strategy);

        Assert.True(bug.Reproduced);
        Assert.True(File.Exists(bug.ScheduleFile));
        var log = File.ReadAllLines(bug.LogFile!);
        Assert.Contains(log, l => l.StartsWith("# replay: machactors replay ", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("Notify", StringComparison.Ordinal) && l.Contains("ToyValue", StringComparison.Ordinal));
        Assert.True(ScheduleFile.TryLoad(bug.ScheduleFile!, out var file, out var error), error);
        var replay = Explorer.Replay(new RegisterScenario(racy: true), file!);
        Assert.True(replay.Reproduces(bug.Bug));
        Assert.Equal(log.Where(l => !l.StartsWith('#')), replay.Log);
    }

    [Fact]
    public void Replay_ScheduleEditedToAnotherDecision_ReportsTheDivergence()
    {
        var bug = FindRacyBug("random");
        Assert.True(ScheduleFile.TryLoad(bug.ScheduleFile!, out var file, out _));
        var edited = file! with { Decisions = "d999999 " + file.Decisions };

        var replay = Explorer.Replay(new RegisterScenario(racy: true), edited);

        Assert.NotNull(replay.Divergence);
        Assert.False(replay.Reproduces(bug.Bug));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":\"other/9\",\"scenario\":\"s\",\"strategy\":\"random\",\"strategyDescription\":\"r\",\"bug\":{\"kind\":\"Safety\",\"text\":\"x\"},\"decisions\":\"\"}")]
    [InlineData("{\"format\":\"machactors-schedule/1\",\"scenario\":\"s\",\"strategy\":\"random\",\"strategyDescription\":\"r\",\"bug\":{\"kind\":\"Safety\",\"text\":\"x\"},\"decisions\":\"d1 zz\"}")]
    public void TryLoad_MalformedFile_FalseWithAMessageNamingTheFile(string content)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "bad.schedule.json");
        File.WriteAllText(path, content);

        Assert.False(ScheduleFile.TryLoad(path, out var file, out var error));
        Assert.Null(file);
        Assert.Contains("bad.schedule.json", error);
    }

    [Fact]
    public void TryLoad_MissingFile_FalseWithAMessage()
    {
        Assert.False(ScheduleFile.TryLoad(Path.Combine(_dir, "missing.json"), out _, out var error));
        Assert.Contains("missing.json", error);
    }

    [Fact]
    public void Report_SaveAndLoad_RoundTrips()
    {
        var report = Explorer.Run(new RegisterScenario(racy: false), StrategyFactory.Create(new StrategyOptions()),
            new ExplorationOptions { Iterations = 5 });
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "report.json");

        report.Save(path);

        Assert.True(ExplorationReport.TryLoad(path, out var loaded, out var error), error);
        Assert.Equal(report.Iterations, loaded!.Iterations);
        Assert.Equal(report.ScheduleHashes, loaded.ScheduleHashes);
        Assert.Equal(report.Coverage, loaded.Coverage);
    }
}
