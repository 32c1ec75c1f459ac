using MachActors.Actors;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.SeededPagers;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-lock-race (R8): a pager's timed write-locks with RETURN_DIRTY race a task's counter writes and its
/// data_unlocks. Clean budget: 100 iterations per strategy, run seed 1, 10,000 steps (an iteration takes
/// about 460). Seeded pager bug: RETURN_DIRTY only after a grant (<see cref="ForgetfulLockPager"/>),
/// wrong only when the writer's first fault comes before the pager's first lock (about half the schedules
/// under either strategy): found in iteration 0 under random and 2 under PCT (budget 50, seed 1), by the
/// pager's check (safety, "pager's copy").
/// </summary>
public class VmLockRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    /// <summary>The scenario with the seeded <see cref="ForgetfulLockPager"/> (in <see cref="SeededBugCatalog"/>).</summary>
    internal sealed class Forgetful : LockRaceScenario
    {
        protected override Props Pager(int pageSize, LockRaceProbe probe) => Props.Create(() => new ForgetfulLockPager(pageSize, probe));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelAndPager_NoBug(string strategy) => ScenarioChecks.Clean(new LockRaceScenario(), strategy, Iterations);

    [Theory]
    [InlineData("random", 50)]
    [InlineData("pct", 50)]
    public void Explore_LockForgetsReturnDirty_FoundByThePagersCheckAndReplayed(string strategy, int iterations) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("vm-lock-race/forgetful-lock-pager"), strategy, iterations, output);
}
