using MachActors.Exploration;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>
/// xunit assertions over the exploration engine (src/Exploration). Bugs are written to a directory
/// under the system's temp folder, and a failing assertion names the schedule file and the command
/// that replays it, so a red test hands over its reproduction.
/// </summary>
public static class ExplorationAssert
{
    /// <summary>The directory schedule files and logs of test runs go to.</summary>
    public static string OutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "machactors-coyote-bugs");

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
