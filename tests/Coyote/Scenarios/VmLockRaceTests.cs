using MachActors.Actors;
using MachActors.Exploration;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.SeededPagers;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-lock-race (R8): a pager's timed write-locks with RETURN_DIRTY race a task's counter writes and its
/// data_unlocks. Clean budget: 100 iterations per strategy, run seed 1, 10,000 steps (an iteration takes
/// about 460). Seeded pager bug: RETURN_DIRTY only after a grant (<see cref="ForgetfulLockPager"/>),
/// wrong only when the writer's first fault comes before the pager's first lock (about half the schedules
/// under either strategy): found in iteration 0 under random and 2 under PCT (budget 50, seed 1).
/// </summary>
public class VmLockRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    private sealed class Forgetful : LockRaceScenario
    {
        protected override Props Pager(int pageSize, LockRaceProbe probe) => Props.Create(() => new ForgetfulLockPager(pageSize, probe));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelAndPager_NoBug(string strategy)
    {
        var report = ExplorationAssert.Explore(new LockRaceScenario(), strategy, Iterations);

        ExplorationAssert.NoBug(report, ExplorationAssert.Budget(strategy, Iterations));
        Assert.Equal(Iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > 1);
    }

    [Theory]
    [InlineData("random", 50)]
    [InlineData("pct", 50)]
    public void Explore_LockForgetsReturnDirty_FoundByThePagersCheckAndReplayed(string strategy, int iterations)
    {
        var scenario = new Forgetful();

        var bug = ExplorationAssert.Found(ExplorationAssert.Explore(scenario, strategy, iterations), ExplorationAssert.Budget(strategy, iterations), output);

        Assert.Equal(BugKind.Safety, bug.Bug.Kind);
        Assert.Contains("pager's copy", bug.Bug.Text);
        ExplorationAssert.Replays(scenario, bug);
    }
}
