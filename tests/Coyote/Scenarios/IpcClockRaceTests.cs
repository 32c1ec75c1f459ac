using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// ipc-clock-race: RPCs between two tasks on two CPUs while 100 ms ticks expire quanta, with a hog
/// thread beside client and server. Budget: 100 iterations per strategy with early timers 0.05 (a due
/// or future timer fires before pending mail with that chance per decision), run seed 1, 10,000 steps.
/// </summary>
public class IpcClockRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 100;
    private const double EarlyTimers = 0.05;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_WithEarlyTimers_EveryRpcAnsweredOnceInOrderAndNoThreadHangs(string strategy)
    {
        var report = Explorer.Run(new ClockRaceScenario(), StrategyFactory.Create(new StrategyOptions { Name = strategy, EarlyTimers = EarlyTimers }),
            new ExplorationOptions { Iterations = Iterations, Seed = 1, OutputDirectory = ExplorationAssert.NewOutputDirectory() });

        ExplorationAssert.NoBug(report, $"{Iterations} iterations of {strategy} with early timers {EarlyTimers} (seed 1, max 10,000 steps)");
        Assert.Equal(Iterations, report.Iterations);
        Assert.True(report.DistinctSchedules > Iterations / 2);
        output.WriteLine($"{strategy}: steps min {report.MinSteps}, mean {report.MeanSteps:F0}, max {report.MaxSteps}, bound reached {report.BoundReached}, {report.DistinctSchedules} schedules");
    }
}
