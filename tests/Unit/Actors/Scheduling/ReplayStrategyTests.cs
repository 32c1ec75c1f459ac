using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class ReplayStrategyTests
{
    [Theory]
    [InlineData(3UL, 0.0)]
    [InlineData(11UL, 0.3)]
    public void Replay_RecordedSchedule_ReproducesTheRunExactly(ulong seed, double earlyTimers)
    {
        var recorded = RaceWorkload.Run(new ActorSystemOptions { Strategy = new RandomStrategy(seed, earlyTimers) });
        var replay = new ReplayStrategy(recorded.Schedule);

        var replayed = RaceWorkload.Run(new ActorSystemOptions { Strategy = replay });

        Assert.Equal(recorded.Trace, replayed.Trace);
        Assert.Equal(recorded.Arrivals, replayed.Arrivals);
        Assert.True(replay.IsComplete);
        Assert.Equal(recorded.Schedule.Decisions.Count, replay.Position);
    }

    [Fact]
    public void Replay_ScheduleParsedFromText_ReproducesTheRun()
    {
        var recorded = RaceWorkload.Run(new ActorSystemOptions { Seed = 5 });
        var parsed = new Schedule("text", 5, Schedule.ParseDecisions(recorded.Schedule.DecisionsText()));

        var replayed = RaceWorkload.Run(new ActorSystemOptions { Strategy = new ReplayStrategy(parsed) });

        Assert.Equal(recorded.Trace, replayed.Trace);
    }

    [Fact]
    public void Replay_AgainstADifferentWorkload_ThrowsDivergenceWithTheIndex()
    {
        var recorded = RaceWorkload.Run(new ActorSystemOptions { Seed = 5 }, producers: 4);

        var e = Assert.Throws<ReplayDivergenceException>(() =>
            RaceWorkload.Run(new ActorSystemOptions { Strategy = new ReplayStrategy(recorded.Schedule) }, producers: 5));

        Assert.InRange(e.Index, 0, recorded.Schedule.Decisions.Count);
        Assert.StartsWith($"replay diverged at decision {e.Index}:", e.Message);
    }

    [Fact]
    public void Replay_RunNeedsMoreDecisionsThanRecorded_ThrowsAtTheEnd()
    {
        var full = RaceWorkload.Run(new ActorSystemOptions { Seed = 5 }).Schedule;
        var cut = full with { Decisions = full.Decisions.Take(10).ToList() };

        var e = Assert.Throws<ReplayDivergenceException>(() =>
            RaceWorkload.Run(new ActorSystemOptions { Strategy = new ReplayStrategy(cut) }));

        Assert.Equal(10, e.Index);
        Assert.Contains("after all 10 recorded decisions", e.Message);
    }

    [Fact]
    public void Replay_Description_NamesTheRecordingStrategy()
    {
        var schedule = new Schedule("random(seed=9)", 9, [new Decision(DecisionKind.Deliver, 4)]);

        var replay = new ReplayStrategy(schedule);

        Assert.Equal("replay(random(seed=9), 1 decisions)", replay.Description);
        Assert.Equal(9UL, replay.Seed);
        Assert.Equal("replay", replay.Name);
        Assert.False(replay.IsComplete);
    }

    [Fact]
    public void Replay_RecordingWithoutShutdown_DisposeDoesNotThrow()
    {
        using var recording = ActorSystem.Create("r", new ActorSystemOptions { Seed = 2 });
        recording.Spawn(Props.Create<EchoActor>()).Tell("x");
        recording.RunUntilQuiescent();
        var replaying = ActorSystem.Create("r", new ActorSystemOptions { Strategy = new ReplayStrategy(recording.RecordedSchedule()) });
        replaying.Spawn(Props.Create<EchoActor>()).Tell("x");
        replaying.RunUntilQuiescent();

        replaying.Dispose();

        Assert.True(replaying.IsTerminated);
    }
}

