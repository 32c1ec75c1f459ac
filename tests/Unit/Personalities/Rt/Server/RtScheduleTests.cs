using MachActors.Personalities.Rt;
using MachActors.Personalities.Rt.Server;

namespace MachActors.Tests.Unit.Personalities.Rt.Server;

/// <summary>The release schedule and deadline accounting without a machine.</summary>
public sealed class RtScheduleTests
{
    private static readonly VirtualTime Epoch = new(Ms(100));

    private static long Ms(long n) => n * 1_000_000;

    private static VirtualTime At(long ms) => new(Ms(ms));

    [Fact]
    public void Wait_BeforeTheEpoch_WaitsForTheSynchronousFirstRelease()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3), At(1));

        var w = s.Wait(id, At(2));

        Assert.Equal(new RtWait(RtWaitKind.Wait, 0, Epoch), w);
        Assert.Equal(Epoch, s.NextRelease());
        Assert.Empty(s.Due(At(99)));
        Assert.Equal([new RtWait(RtWaitKind.Released, 0, Epoch, id)], s.Due(At(100)));
        Assert.Null(s.NextRelease());
    }

    [Fact]
    public void Add_AfterTheEpoch_FirstReleaseIsTheNextMultipleOfThePeriod()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3), At(123));

        Assert.Equal(At(130), s.Wait(id, At(123)).Release);
    }

    [Fact]
    public void Wait_CompletionWithinDeadline_CountsNoMissAndWaitsForTheNextPeriod()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3, deadlineMs: 5), At(0));
        s.Wait(id, At(0));
        s.Due(At(100));

        var w = s.Wait(id, At(105));

        Assert.Equal(new RtWait(RtWaitKind.Wait, 1, At(110)), w);
        var stats = s.Stats()[id];
        Assert.Equal((1, 1, 0, Ms(5)), (stats.Releases, stats.Completions, stats.Misses, stats.WorstResponse.Nanoseconds));
    }

    [Fact]
    public void Wait_CompletionPastDeadlineAndPastNextRelease_CountsAMissAndReleasesAtOnce()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3), At(0));
        s.Wait(id, At(0));
        s.Due(At(100));

        var w = s.Wait(id, At(113));

        Assert.Equal(new RtWait(RtWaitKind.Released, 1, At(110)), w);
        Assert.Equal(1, s.Misses(id));
        Assert.Equal(1, s.TotalMisses);
        Assert.Equal(Ms(13), s.Stats()[id].WorstResponse.Nanoseconds);
    }

    [Fact]
    public void Wait_AfterTheLastJob_IsDoneAndNothingWaits()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 1), At(0));
        s.Wait(id, At(0));
        s.Due(At(100));

        Assert.Equal(RtWaitKind.Done, s.Wait(id, At(102)).Kind);
        Assert.True(s.AllDone);
        Assert.Null(s.NextRelease());
        Assert.True(s.Stats()[id].AllMet);
    }

    [Fact]
    public void Due_TwoTasksWaiting_ReleasesOnlyThoseWhoseTimeHasCome()
    {
        var s = new RtSchedule(Epoch);
        var a = s.Add(RtKit.Task("a", 10, 1, 7, 5), At(0));
        var b = s.Add(RtKit.Task("b", 25, 1, 8, 5), At(0));
        s.Wait(a, At(0));
        s.Wait(b, At(0));
        s.Due(At(100));
        s.Wait(a, At(101));
        s.Wait(b, At(102));

        Assert.Equal(At(110), s.NextRelease());
        Assert.Equal([a], s.Due(At(110)).Select(d => d.Id));
        Assert.Equal(At(125), s.NextRelease());
    }

    [Fact]
    public void ReleaseLate_SeededBug_AnswersHalfAPeriodLateAndTheDeadlineStaysNominal()
    {
        var s = new RtSchedule(Epoch, RtSeededBugs.ReleaseLate);
        var id = s.Add(RtKit.Task("t", 10, 6, 7, 2), At(0));
        s.Wait(id, At(0));

        Assert.Empty(s.Due(At(104)));
        Assert.Single(s.Due(At(105)));
        s.Wait(id, At(111)); // 6 ms of work from the late release: past the nominal deadline
        Assert.Equal(1, s.Misses(id));
    }

    [Fact]
    public void Fault_RunningTask_NothingMoreIsReleasedAndItCountsAsDone()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3), At(0));
        s.Wait(id, At(0));
        s.Due(At(100));

        s.Fault(id);

        Assert.True(s.AllDone);
        Assert.Null(s.NextRelease());
        Assert.Equal((true, 1, 0), (s.Stats()[id].Faulted, s.Stats()[id].Releases, s.Stats()[id].Completions));
    }

    [Fact]
    public void Kill_WaitingTask_NoMoreReleasesNoMissAndItCountsAsDone()
    {
        var s = new RtSchedule(Epoch);
        var id = s.Add(RtKit.Task("t", 10, 2, 7, 3), At(0));
        s.Wait(id, At(0));
        s.Due(At(100));
        s.Wait(id, At(102));

        s.Kill(id, At(105));

        Assert.True(s.AllDone);
        Assert.Null(s.NextRelease());
        Assert.Empty(s.Due(At(200)));
        var stats = s.Stats()[id];
        Assert.Equal((At(105), false, 1, 1, 0), (stats.KilledAt, stats.Faulted, stats.Releases, stats.Completions, stats.Misses));
    }

    [Fact]
    public void Kill_AfterTheLastJobOrAFault_IsIgnored()
    {
        var s = new RtSchedule(Epoch);
        var done = s.Add(RtKit.Task("done", 10, 2, 7, 1), At(0));
        var faulted = s.Add(RtKit.Task("faulted", 10, 2, 8, 1), At(0));
        s.Wait(done, At(0));
        s.Due(At(100));
        s.Wait(done, At(102));
        s.Fault(faulted);

        s.Kill(done, At(103));
        s.Kill(faulted, At(103));

        Assert.All(s.Stats(), t => Assert.Null(t.KilledAt));
    }

    [Fact]
    public void PlaceAll_TwoCpus_FirstFitDecreasingByUtilisation()
    {
        // Utilisations 0.3, 0.6, 0.6: the 0.6s go first (a to cpu0; b does not fit beside it: R = 12 > 10),
        // then c fits beside a (R = 6 + 2*6 = 18 <= 20).
        var s = new RtSchedule(Epoch);
        s.Add(RtKit.Task("c", 20, 6, 9, 1), At(0));
        s.Add(RtKit.Task("a", 10, 6, 7, 1), At(0));
        s.Add(RtKit.Task("b", 10, 6, 8, 1), At(0));

        var placed = s.PlaceAll(2);

        Assert.Equal([(0, 0), (1, 0), (2, 1)], placed);
        Assert.True(s.Placed);
        Assert.Equal([0, 0, 1], s.Stats().Select(t => t.Cpu));
    }

    [Fact]
    public void Place_AfterTheEpoch_FirstFitBesideTheLiveTasksOnly()
    {
        var s = new RtSchedule(Epoch);
        var a = s.Add(RtKit.Task("a", 10, 6, 7, 1), At(0));
        var dead = s.Add(RtKit.Task("dead", 10, 6, 8, 1), At(0));
        s.PlaceAll(2); // a on cpu0, dead on cpu1
        s.Kill(dead, At(101));
        var late = s.Add(RtKit.Task("late", 10, 6, 9, 1), At(120));

        Assert.Equal(1, s.Place(late, 2)); // cpu1 is free again: it fits there, not beside a
        Assert.Equal(1, s.Place(late, 2)); // placed once
        Assert.Equal(0, s.Cpu(a));
    }
}
