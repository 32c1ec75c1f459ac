using MachActors.Actors.Scheduling;
using MachActors.Actors.Tracing;

namespace MachActors.Tests.Unit.Actors.Scheduling;

/// <summary>
/// The controlled dispatcher's choice between a pending system message and a pending user message
/// of the same actor (the race the parallel dispatcher produces when the two arrive together).
/// </summary>
public sealed class UserFirstTests
{
    /// <summary>
    /// A started reporter that has a user message and a Stop waiting at once; returns what it
    /// reported after PreStart, the dead-letter count, the schedule and the trace lines.
    /// </summary>
    private static (List<object> Reports, long DeadLetters, Schedule Schedule, IReadOnlyList<string> Trace) MailAgainstStop(
        ISchedulingStrategy strategy)
    {
        var trace = new InMemoryTraceSink();
        using var kit = new Kit(new ActorSystemOptions { Strategy = strategy, Trace = trace });
        var a = kit.SpawnReporter("a");
        kit.ExpectHook("a", Hook.PreStart);

        a.Tell(new Msg("mail"));
        kit.Sys.Stop(a);
        kit.Sys.RunUntilQuiescent();

        var reports = new List<object>();
        while (kit.Probe.ReceiveOne(Duration.Zero) is { } r) reports.Add(r.Message);
        return (reports, kit.Sys.DeadLetterCount, kit.Sys.RecordedSchedule(), trace.Lines());
    }

    [Fact]
    public void DefaultStrategy_StopPendingWithMail_SystemMessageFirstMailIsDeadLetter()
    {
        var (reports, deadLetters, schedule, _) = MailAgainstStop(new RandomStrategy(3));

        Assert.Equal([new HookCalled("a", Hook.PostStop)], reports);
        Assert.Equal(1, deadLetters);
        Assert.DoesNotContain(schedule.Decisions, d => d.Kind == DecisionKind.UserFirst);
    }

    [Fact]
    public void UserFirstProbabilityOne_StopPendingWithMail_MailHandledThenStopRecorded()
    {
        var (reports, deadLetters, schedule, _) = MailAgainstStop(new RandomStrategy(3, userFirstProbability: 1));

        Assert.Equal([new Received("a", new Msg("mail")), new HookCalled("a", Hook.PostStop)], reports);
        Assert.Equal(0, deadLetters);
        Assert.Single(schedule.Decisions, d => d.Kind == DecisionKind.UserFirst);
    }

    [Fact]
    public void Replay_UserFirstRecording_ReproducesTheSameRun()
    {
        var recorded = MailAgainstStop(new RandomStrategy(8, userFirstProbability: 1));

        var replay = new ReplayStrategy(recorded.Schedule);
        var replayed = MailAgainstStop(replay);

        Assert.Equal(recorded.Trace, replayed.Trace);
        Assert.Equal(recorded.Reports, replayed.Reports);
        Assert.True(replay.IsComplete);
    }

    [Fact]
    public void Description_NamesUserFirstProbability()
    {
        Assert.Equal("random(seed=2, user-first=0.5)", new RandomStrategy(2, userFirstProbability: 0.5).Description);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStrategy(2, userFirstProbability: 2));
    }
}
