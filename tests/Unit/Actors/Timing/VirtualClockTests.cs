namespace MachActors.Tests.Unit.Actors.Timing;

public sealed class VirtualClockTests : ActorTestBase
{
    private static Duration Ms(long n) => Duration.FromMilliseconds(n);

    private static VirtualTime At(long ms) => VirtualTime.Zero + Ms(ms);

    [Fact]
    public void RunFor_NothingPending_AdvancesTheClockExactly()
    {
        Sys.RunFor(Ms(2));

        var result = Sys.RunFor(Duration.FromNanoseconds(1_500_000_001));

        Assert.Equal(RunOutcome.DeadlineReached, result.Outcome);
        Assert.Equal(new VirtualTime(1_502_000_001), Sys.Now);
        Assert.Equal(Sys.Now, result.Now);
    }

    [Fact]
    public void RunFor_TimerBeyondTheDeadline_StopsAtTheDeadlineAndFiresItLater()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));
        a.Tell(new StartSingle("k", "tick", Ms(30)));

        Sys.RunFor(Ms(20));
        Assert.Equal(At(20), Sys.Now);
        Assert.Equal(0, Probe.PendingCount);

        Sys.RunFor(Ms(20));
        Assert.Equal(At(40), Sys.Now);
        ExpectMsg(new Stamped("tick", At(30)));
    }

    [Fact]
    public void RunFor_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.RunFor(Duration.FromNanoseconds(-1)));
    }

    [Fact]
    public void RunUntilIdle_MailAndAFutureTimer_DeliversMailWithoutAdvancingTheClock()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));
        a.Tell(new StartSingle("k", "tick", Ms(10)));
        a.Tell(new Msg("now"));

        var result = Sys.RunUntilIdle();

        Assert.Equal(RunOutcome.DeadlineReached, result.Outcome);
        Assert.Equal(VirtualTime.Zero, Sys.Now);
        Assert.Equal(new Stamped(new Msg("now"), At(0)), Probe.ReceiveOne(Duration.Zero)?.Message);
        Assert.Null(Probe.ReceiveOne(Duration.Zero));
    }

    [Fact]
    public void RunUntilQuiescent_OnlySingleTimers_EndsAtTheLastTimer()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));
        a.Tell(new StartSingle("k1", "first", Ms(10)));
        a.Tell(new StartSingle("k2", "second", Ms(25)));

        var result = Sys.RunUntilQuiescent();

        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.Equal(At(25), Sys.Now);
    }

    [Fact]
    public void Clock_MailPendingAtTheCurrentInstant_AdvancesOnlyAfterItIsAllDelivered()
    {
        var timers = Sys.Spawn(TimerActor.Props(TestActor));
        var countdown = Sys.Spawn(Props.Create(() => new CountdownActor(TestActor)));
        timers.Tell(new StartSingle("k", "tick", Duration.FromNanoseconds(1)));

        countdown.Tell(new Ping(50));

        var received = Probe.ReceiveN(52).Cast<Stamped>().ToList();
        Assert.Equal(new Stamped("tick", new VirtualTime(1)), received[^1]);
        Assert.All(received.Take(51), s => Assert.Equal(VirtualTime.Zero, s.At));
    }

    [Fact]
    public void RunUntil_ConditionBecomesTrue_StopsWithConditionMet()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));
        a.Tell(new StartPeriodic("k", "tick", Ms(10)));

        var result = Sys.RunUntil(() => Sys.Now >= At(30));

        Assert.Equal(RunOutcome.ConditionMet, result.Outcome);
        Assert.Equal(At(30), Sys.Now);
    }

    [Fact]
    public void RunUntil_ConditionNeverTrue_StopsAtWithin()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));
        a.Tell(new StartPeriodic("k", "tick", Ms(10)));

        var result = Sys.RunUntil(() => false, within: Ms(35));

        Assert.Equal(RunOutcome.DeadlineReached, result.Outcome);
        Assert.Equal(At(35), Sys.Now);
    }

    [Fact]
    public void RunFor_StepBudgetRunsOut_StepLimitReachedBeforeTheDeadline()
    {
        var looper = SpawnLambda((self, m) => self.Self.Tell(m, self.Self));
        looper.Tell("again");

        var result = Sys.RunFor(Duration.FromSeconds(1), maxSteps: 100);

        Assert.Equal(RunOutcome.StepLimitReached, result.Outcome);
        Assert.Equal(100, result.Steps);
        Assert.Equal(VirtualTime.Zero, Sys.Now);
        Sys.Stop(looper);
    }

    [Fact]
    public void ContextNow_InsideAHandler_EqualsTheSystemClock()
    {
        var seen = new List<(VirtualTime Context, VirtualTime System)>();
        var a = SpawnLambda((self, _) => seen.Add((self.Context.Now, self.Context.System.Now)));
        Sys.RunFor(Ms(7));

        a.Tell("x");
        Settle();

        Assert.Equal([(At(7), At(7))], seen);
    }
}
