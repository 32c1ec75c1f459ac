using MachActors.Actors;
using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Scenarios;
using MachActors.Scenarios.Monitors;
using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;
using MachActors.Tests.Coyote.SeededPagers;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// The general VM oracle (<see cref="VmOracleMonitor"/>, on every machine scenario) alone: vm-pageout-refault
/// with its own check (the scenario's read-back oracle) switched off, so only the monitor can report the
/// seeded bugs that serve a stale or lost page. Budgets: 30 iterations per strategy, run seed 1.
/// Measured (run seed 1): every bug below is found in iteration 0 under both strategies, by the monitor,
/// at the first wrong read (the scenario's own check would also catch them, later, at the end). The
/// suite's two other kernel bugs (a stolen page, a TLB not invalidated) make two owners write one frame;
/// the monitor keys a frame by its latest fault answer, so it misses them (the scenario's check finds them).
/// </summary>
public class VmOracleTests(ITestOutputHelper output)
{
    private const int Iterations = 30;

    /// <summary>vm-pageout-refault whose final check is dropped (the monitors stay).</summary>
    private class WithoutCheck : PageoutRefaultScenario
    {
        protected override Func<string?>? Build(MachineRun run)
        {
            base.Build(run);
            return () => null;
        }
    }

    private sealed class WriteBehindWithoutCheck : WithoutCheck
    {
        protected override Props? Pager(int pageSize) => Props.Create(() => new WriteBehindPager(pageSize));
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "write-behind pager", "random" }, { "write-behind pager", "pct" },
        { nameof(SeededBugs.DaemonIgnoresModifyBit), "random" }, { nameof(SeededBugs.DaemonIgnoresModifyBit), "pct" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explore_StaleOrLostPage_OracleMonitorFindsIt(string bug, string strategy)
    {
        Scenario scenario = bug == "write-behind pager" ? new WriteBehindWithoutCheck() : new WithoutCheck { Seeded = Enum.Parse<SeededBugs>(bug) };

        var found = ScenarioChecks.FoundAndReplays(scenario, strategy, Iterations, output);

        Assert.Contains("VM oracle", found.Bug.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explore_CorrectKernelWithoutScenarioCheck_NoBug()
    {
        ScenarioChecks.Clean(new WithoutCheck(), "random", 10);
    }
}
