using MachActors.Actors.Scheduling;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Tests.Coyote.ClockInterrupt;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote;

/// <summary>
/// A clock interrupt arriving between the two messages of a context switch. Under plain
/// discrete-event time the interrupt never comes between them (the switches finish at t=0, the
/// first tick is due at 1ms), so only a strategy that fires future timers early finds the race:
/// random with early-timers 0.1. With early-timers 0 the same budget finds nothing. Budget: 200
/// iterations per run; iteration i's seed is DeterministicRandom.Derive(0x74696D6572, i).
/// </summary>
public class ClockInterruptTests(ITestOutputHelper output)
{
    private const int Iterations = 200;
    private const ulong RunSeed = 0x74696D6572; // "timer"

    private static readonly Scenario ContextSwitch = new DelegateScenario("context-switch", ContextSwitchScenario.Run);

    private static ExplorationReport Explore(double earlyTimers) =>
        Explorer.Run(ContextSwitch, new RandomSource(earlyTimers),
            new ExplorationOptions { Iterations = Iterations, Seed = RunSeed, OutputDirectory = ExplorationAssert.NewOutputDirectory() });

    [Fact]
    public void WithoutEarlyTimers_TheRaceIsNeverFound() =>
        ExplorationAssert.NoBug(Explore(0), "200 iterations of random(seed = Derive(0x74696D6572, i)), no early timers");

    [Fact]
    public void WithEarlyTimers_TheRaceIsFound_AndReplays()
    {
        var bug = ExplorationAssert.Found(Explore(0.1), "200 iterations of random(seed = Derive(0x74696D6572, i), early-timers = 0.1)", output);

        Assert.Contains("no thread on the CPU", bug.Bug.Text);
        var file = ExplorationAssert.Replays(ContextSwitch, bug);
        Assert.Contains(file.ToSchedule().Decisions, d => d.Kind == DecisionKind.FireTimer);
    }
}
