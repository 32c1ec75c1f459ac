using MachActors.Actors;
using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.SeededPagers;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-pageout-refault (R1/R2): 40 pages of an external object on a 48-frame machine, written then read
/// back while the daemon pages out. Budgets: 30 iterations per strategy, run seed 1, 10,000 steps
/// (an iteration takes about 2,100). The seeded bugs, each found under random and PCT: a pager that
/// stores data_returns behind queued requests (R1), a daemon that ignores the modify bit (a dirty page
/// freed without data_return), the page queues handing out a page its object still holds, and a CPU
/// that acknowledges a shootdown without invalidating.
/// </summary>
public class VmPageoutRefaultTests(ITestOutputHelper output)
{
    private const int Iterations = 30;

    private sealed class WithPager : PageoutRefaultScenario
    {
        protected override Props? Pager(int pageSize) => Props.Create(() => new WriteBehindPager(pageSize));
    }

    public static TheoryData<string, string> SeededBugCases => new()
    {
        { "write-behind pager", "random" }, { "write-behind pager", "pct" },
        { nameof(SeededBugs.DaemonIgnoresModifyBit), "random" }, { nameof(SeededBugs.DaemonIgnoresModifyBit), "pct" },
        { nameof(SeededBugs.AllocateStealsInactivePage), "random" }, { nameof(SeededBugs.AllocateStealsInactivePage), "pct" },
        { nameof(SeededBugs.CpuAcksWithoutInvalidating), "random" }, { nameof(SeededBugs.CpuAcksWithoutInvalidating), "pct" },
    };

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelAndPager_NoBug(string strategy)
    {
        ScenarioChecks.Clean(new PageoutRefaultScenario(), strategy, Iterations);
    }

    [Theory]
    [MemberData(nameof(SeededBugCases))]
    public void Explore_SeededBug_IsFoundAndReplays(string bug, string strategy)
    {
        Scenario scenario = bug == "write-behind pager" ? new WithPager() : new PageoutRefaultScenario { Seeded = Enum.Parse<SeededBugs>(bug) };

        ScenarioChecks.FoundAndReplays(scenario, strategy, Iterations, output);
    }
}
