using MachActors.Actors.Scheduling;
using MachActors.Tests.Coyote.ClockInterrupt;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// A clock interrupt arriving between the two messages of a context switch. Under plain
/// discrete-event time the interrupt never comes between them (the switches finish at t=0, the
/// first tick is due at 1ms), so only a strategy that fires future timers early finds the race:
/// RandomStrategy(seed, earlyTimerProbability: 0.1). With earlyTimerProbability 0 the same budget
/// finds nothing. Budget: 200 iterations per sweep; iteration i's seed is
/// DeterministicRandom.Derive(0x74696D6572, i).
/// </summary>
public class ClockInterruptTests(ITestOutputHelper output)
{
    private const int Iterations = 200;
    private const ulong RunSeed = 0x74696D6572; // "timer"
    private const double EarlyTimers = 0.1;

    private static SweepResult Sweep(double earlyTimers) =>
        Exploration.Sweep(ContextSwitchScenario.Run, Iterations, RunSeed, seed => new RandomStrategy(seed, earlyTimers));

    [Fact]
    public void WithoutEarlyTimers_TheRaceIsNeverFound() =>
        BugReport.AssertSurvived(Sweep(0), Iterations, "200 iterations of random(seed = Derive(0x74696D6572, i)), no early timers");

    [Fact]
    public void WithEarlyTimers_TheRaceIsFound_AndReplays()
    {
        var bug = BugReport.AssertFound(
            Sweep(EarlyTimers), "200 iterations of random(seed = Derive(0x74696D6572, i), early-timers = 0.1)", output);

        Assert.Contains("no thread on the CPU", bug.Violation);
        Assert.Contains(bug.Schedule.Decisions, d => d.Kind == DecisionKind.FireTimer);
        BugReport.AssertReplaysIdentically(ContextSwitchScenario.Run, bug);
    }
}
