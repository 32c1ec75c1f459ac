using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class RandomStrategyTests
{
    /// <summary>
    /// A timer actor with a single timer due in 1 s, then mail told at t = 0; returns what the actor
    /// reported (in order) and the recorded decisions.
    /// </summary>
    private static (List<Stamped> Reports, Schedule Schedule) TimerAgainstMail(double earlyTimerProbability)
    {
        using var kit = new Kit(new ActorSystemOptions { Strategy = new RandomStrategy(5, earlyTimerProbability) });
        var timers = kit.Sys.Spawn(TimerActor.Props(kit.TestActor));
        timers.Tell(new StartSingle("k", "tick", Duration.FromSeconds(1)));
        kit.Settle();

        timers.Tell(new Msg("mail"));
        var reports = kit.Probe.ReceiveN(2, Duration.FromSeconds(5)).Cast<Stamped>().ToList();
        return (reports, kit.Sys.RecordedSchedule());
    }

    [Fact]
    public void EarlyTimerProbabilityOne_FutureTimerFiresBeforePendingMail()
    {
        var (reports, schedule) = TimerAgainstMail(1.0);

        var second = VirtualTime.Zero + Duration.FromSeconds(1);
        Assert.Equal([new Stamped(new Msg("mail"), second), new Stamped("tick", second)], reports); // the mail was "slow"
        Assert.Contains(new Decision(DecisionKind.FireTimer, 0), schedule.Decisions);
    }

    [Fact]
    public void EarlyTimerProbabilityZero_PendingMailIsDeliveredBeforeTimeMoves()
    {
        var (reports, schedule) = TimerAgainstMail(0.0);

        Assert.Equal(new Stamped(new Msg("mail"), VirtualTime.Zero), reports[0]);
        Assert.DoesNotContain(schedule.Decisions, d => d.Kind == DecisionKind.FireTimer);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Constructor_ProbabilityOutsideZeroToOne_Throws(double probability)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStrategy(1, probability));
    }

    [Fact]
    public void Description_NamesSeedAndEarlyTimers()
    {
        Assert.Equal("random(seed=4)", new RandomStrategy(4).Description);
        Assert.Equal("random(seed=4, early-timers=0.25)", new RandomStrategy(4, 0.25).Description);
        Assert.Equal(4UL, new RandomStrategy(4).Seed);
    }

    [Fact]
    public void DefaultStrategy_IsRandomWithTheOptionsSeed()
    {
        using var sys = ActorSystem.Create("s", new ActorSystemOptions { Seed = 77 });

        var strategy = Assert.IsType<RandomStrategy>(sys.Strategy);
        Assert.Equal(77UL, strategy.Seed);
    }
}
