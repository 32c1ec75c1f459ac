using MachActors.Exploration;
using MachActors.Host;

namespace MachActors.Tests.Unit.Host;

/// <summary>
/// machactors explore / replay / explore merge. A bug is made on purpose with --fail-on-max-steps and a
/// step bound below what vm-shared-page needs (about 180 steps), so the bug path runs on a correct kernel.
/// </summary>
public sealed class ExploreCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "machactors-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void List_NamesTheBuiltInScenarios() => CliInvocation.Of("explore", "--list").Succeeds("vm-shared-page", "two threads on two CPUs");

    [Fact]
    public void Explore_CorrectScenario_Exits0WithTheReport() =>
        CliInvocation.Of("explore", "vm-shared-page", "--strategy", "pct", "--iterations", "20", "--out", _dir)
            .Succeeds("explore vm-shared-page", "pct(depth=3", "20 of a budget of 20", "distinct schedules", "bugs");

    [Fact]
    public void Explore_BugFound_Exits1WithTheScheduleFileAndReplayCommand_AndReplayReproducesIt()
    {
        var explore = CliInvocation.Of("explore", "vm-shared-page", "--strategy", "pct", "--iterations", "5", "--max-steps", "60", "--fail-on-max-steps", "--out", _dir);

        Assert.Equal(Cli.ExitFailure, explore.ExitCode);
        Assert.Contains("MaxSteps", explore.Out);
        var file = Assert.Single(Directory.GetFiles(_dir, "*.schedule.json"));
        Assert.Contains("replay iteration 0: machactors replay " + file, explore.Out);
        var replay = CliInvocation.Of("replay", file);
        Assert.Equal(Cli.ExitFailure, replay.ExitCode);
        Assert.Contains("Deliver", replay.Out); // every event of the run, step by step
        Assert.Matches(@"reproduced\s*│\s*yes", replay.Out);
    }

    [Theory]
    [InlineData("bogus", "unknown scenario 'bogus'")]
    public void Explore_UnknownScenario_ExitsWith2(string name, string message) =>
        CliInvocation.Of("explore", name).FailsWithUsage(message, "vm-shared-page");

    [Theory]
    [InlineData("--strategy", "nope", "unknown strategy 'nope'")]
    [InlineData("--shard", "4/3", "--shard '4/3'")]
    [InlineData("--depth", "0", "--depth must be at least 1")]
    [InlineData("--iterations", "0", "--iterations must be at least 1")]
    public void Explore_BadValue_ExitsWith2NamingIt(string option, string value, string message) =>
        CliInvocation.Of("explore", "vm-shared-page", option, value).FailsWithUsage(message);

    [Fact]
    public void Replay_MissingFile_Exits1NamingIt()
    {
        var result = CliInvocation.Of("replay", Path.Combine(_dir, "none.schedule.json"));

        Assert.Equal(Cli.ExitFailure, result.ExitCode);
        Assert.Contains("none.schedule.json", result.Err);
    }

    [Fact]
    public void Merge_TwoShards_EqualsTheWholeRun()
    {
        Directory.CreateDirectory(_dir);
        string Run(string shard, string report) =>
            CliInvocation.Of("explore", "vm-shared-page", "--strategy", "random", "--iterations", "12", "--shard", shard, "--out", _dir, "--report", report).Succeeds().Out;
        var a = Path.Combine(_dir, "a.json");
        var b = Path.Combine(_dir, "b.json");
        var whole = Path.Combine(_dir, "whole.json");
        Run("1/2", a);
        Run("2/2", b);
        CliInvocation.Of("explore", "vm-shared-page", "--strategy", "random", "--iterations", "12", "--out", _dir, "--report", whole).Succeeds();
        var merged = Path.Combine(_dir, "merged.json");

        CliInvocation.Of("explore", "merge", a, b, "--report", merged).Succeeds("12 of a budget of 12", "1/2, 2/2");

        Assert.True(ExplorationReport.TryLoad(merged, out var m, out _));
        Assert.True(ExplorationReport.TryLoad(whole, out var w, out _));
        Assert.Equal(w!.ScheduleHashes, m!.ScheduleHashes);
        Assert.Equal(w.TotalSteps, m.TotalSteps);
    }

    [Fact]
    public void Merge_ShardsOfDifferentRuns_ExitsWith2()
    {
        Directory.CreateDirectory(_dir);
        var a = Path.Combine(_dir, "a.json");
        var b = Path.Combine(_dir, "b.json");
        CliInvocation.Of("explore", "vm-shared-page", "--iterations", "4", "--seed", "1", "--out", _dir, "--report", a).Succeeds();
        CliInvocation.Of("explore", "vm-shared-page", "--iterations", "4", "--seed", "2", "--out", _dir, "--report", b).Succeeds();

        CliInvocation.Of("explore", "merge", a, b).FailsWithUsage("different runs");
    }
}
