using MachActors.Actors;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Catalog;
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

    /// <summary>The scenario with the seeded <see cref="WriteBehindPager"/> (R1; in <see cref="SeededBugCatalog"/>).</summary>
    internal sealed class WriteBehind : PageoutRefaultScenario
    {
        protected override Props? Pager(int pageSize) => Props.Create(() => new WriteBehindPager(pageSize));
    }

    /// <summary>The catalog's seeded bugs of this scenario, each under random and PCT.</summary>
    public static TheoryData<string, string> SeededBugCases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var bug in SeededBugCatalog.Of("vm-pageout-refault"))
            {
                cases.Add(bug.Name, "random");
                cases.Add(bug.Name, "pct");
            }
            return cases;
        }
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelAndPager_NoBug(string strategy)
    {
        ScenarioChecks.Clean(new PageoutRefaultScenario(), strategy, Iterations);
    }

    [Theory]
    [MemberData(nameof(SeededBugCases))]
    public void Explore_SeededBug_IsFoundAndReplays(string bug, string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named(bug), strategy, Iterations, output);
}
