using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>
/// xunit assertions over the exploration engine (src/Exploration). Bugs are written to a directory
/// under the system's temp folder, and a failing assertion names the schedule file and the command
/// that replays it, so a red test hands over its reproduction.
/// </summary>
public static class ExplorationAssert
{
    /// <summary>A fresh directory for one run's schedule files and logs (runs of parallel tests never share one).</summary>
    public static string NewOutputDirectory() => Path.Combine(Path.GetTempPath(), "machactors-coyote-bugs", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Explores <paramref name="scenario"/> with the named strategy for <paramref name="iterations"/>
    /// iterations (run seed <paramref name="seed"/>, the default 10,000-step bound), bugs written to a fresh directory.
    /// </summary>
    public static ExplorationReport Explore(Scenario scenario, string strategy, int iterations, int depth = 3, ulong seed = 1) =>
        Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, Depth = depth }),
            new ExplorationOptions { Iterations = iterations, Seed = seed, OutputDirectory = NewOutputDirectory() });

    /// <summary>The budget of <see cref="Explore"/>, as tests state it.</summary>
    public static string Budget(string strategy, int iterations, ulong seed = 1) => $"{iterations} iterations of {strategy} (seed {seed}, max 10,000 steps)";

    /// <summary>Asserts the run found no bug; otherwise fails with the bug, its schedule file and the replay command.</summary>
    public static void NoBug(ExplorationReport report, string budget)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Bugs.FirstOrDefault() is not { } bug) return;
        Assert.Fail($"{report.Scenario}: {bug.Bug} in iteration {bug.Iteration} ({bug.Strategy}) within {budget}; "
                    + $"schedule {bug.ScheduleFile}; replay: machactors replay {bug.ScheduleFile}");
    }

    /// <summary>Asserts the run found a bug within <paramref name="budget"/>, logs it and returns it.</summary>
    public static FoundBug Found(ExplorationReport report, string budget, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var bug = report.Bugs.FirstOrDefault();
        Assert.True(bug is not null, $"{report.Scenario}: the seeded bug was not found within {budget} ({report.Iterations} iterations ran)");
        output.WriteLine($"{report.Scenario}: found in iteration {bug.Iteration} of {budget}: {bug.Bug}");
        output.WriteLine($"schedule: {bug.ScheduleFile}; replay: machactors replay {bug.ScheduleFile}");
        return bug;
    }

    /// <summary>
    /// Replays <paramref name="bug"/>'s schedule file on <paramref name="scenario"/> and asserts the same
    /// bug comes back, every decision used, with the same events as the log written when it was found.
    /// Returns the schedule file.
    /// </summary>
    public static ScheduleFile Replays(Scenario scenario, FoundBug bug)
    {
        ArgumentNullException.ThrowIfNull(bug);
        Assert.True(ScheduleFile.TryLoad(bug.ScheduleFile!, out var file, out var error), error);
        var replay = Explorer.Replay(scenario, file!);
        Assert.Null(replay.Divergence);
        Assert.Equal(bug.Bug, replay.Result.Bug);
        Assert.Equal(replay.DecisionCount, replay.DecisionsUsed);
        Assert.Equal(File.ReadAllLines(bug.LogFile!).Where(l => !l.StartsWith('#')), replay.Log);
        return file!;
    }
}
