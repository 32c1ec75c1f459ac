using MachActors.Actors;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>Assertions shared by the exploration tests: a bug was found, and its schedule reproduces it.</summary>
public static class BugReport
{
    /// <summary>
    /// Asserts <paramref name="sweep"/> found a violation (failing with <paramref name="budget"/>
    /// otherwise), logs where and with which schedule, and returns it.
    /// </summary>
    public static Iteration AssertFound(SweepResult sweep, string budget, ITestOutputHelper output)
    {
        var bug = sweep.FirstViolation;
        Assert.True(bug is not null, "the seeded bug was not found within the budget: " + budget);
        output.WriteLine($"found in iteration {bug.Index} (seed {bug.Seed}) after {sweep.IterationsRun} runs: {bug.Violation}");
        output.WriteLine($"schedule ({bug.Schedule.Strategy}): {bug.Schedule.DecisionsText()}");
        return bug;
    }

    /// <summary>
    /// Replays <paramref name="bug"/>'s schedule on a fresh system and asserts the same violation,
    /// an identical trace, and that every recorded decision was used.
    /// </summary>
    public static void AssertReplaysIdentically(Func<ActorSystem, string?> scenario, Iteration bug)
    {
        var (replayed, strategy) = Exploration.Replay(scenario, bug);

        Assert.Equal(bug.Violation, replayed.Violation);
        Assert.Equal(bug.Trace, replayed.Trace);
        Assert.True(strategy.IsComplete, $"replay used {strategy.Position} of {bug.Schedule.Decisions.Count} decisions");
    }

    /// <summary>Asserts the sweep ran its whole budget without a violation.</summary>
    public static void AssertSurvived(SweepResult sweep, int iterations, string budget)
    {
        var bug = sweep.FirstViolation;
        Assert.True(bug is null, $"iteration {bug?.Index} (seed {bug?.Seed}) of {budget}: {bug?.Violation}");
        Assert.Equal(iterations, sweep.IterationsRun);
    }
}
