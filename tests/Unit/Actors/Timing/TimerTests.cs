namespace MachActors.Tests.Unit.Actors.Timing;

public sealed class TimerTests : ActorTestBase
{
    private static Duration Ms(long n) => Duration.FromMilliseconds(n);

    private static VirtualTime At(long ms) => VirtualTime.Zero + Ms(ms);

    private IActorRef SpawnTimers() => Sys.Spawn(TimerActor.Props(TestActor));

    [Fact]
    public void SingleTimer_StartedLater_FiresExactlyAtNowPlusDelay()
    {
        var a = SpawnTimers();
        Sys.RunFor(Ms(5));

        a.Tell(new StartSingle("k", "tick", Ms(10)));

        ExpectMsg(new Stamped("tick", At(15)));
        Assert.Equal(At(15), Probe.LastMessage!.At);
        Assert.Equal(At(15), Sys.Now);
    }

    [Fact]
    public void SingleTimer_AfterFiring_DoesNotFireAgain()
    {
        var a = SpawnTimers();

        a.Tell(new StartSingle("k", "tick", Ms(10)));

        ExpectMsg(new Stamped("tick", At(10)));
        ExpectNoMsg(Duration.FromSeconds(10));
    }

    [Fact]
    public void SingleTimer_ZeroDelay_FiresAtTheCurrentInstant()
    {
        var a = SpawnTimers();

        a.Tell(new StartSingle("k", "now", Duration.Zero));

        ExpectMsg(new Stamped("now", At(0)));
    }

    [Fact]
    public void PeriodicTimer_FiresAtEveryMultipleOfTheInterval()
    {
        var a = SpawnTimers();

        a.Tell(new StartPeriodic("k", "tick", Ms(10)));

        ExpectMsg(new Stamped("tick", At(10)));
        ExpectMsg(new Stamped("tick", At(20)));
        ExpectMsg(new Stamped("tick", At(30)));
    }

    [Fact]
    public void PeriodicTimer_InitialDelay_FirstFiringThenEveryInterval()
    {
        var a = SpawnTimers();

        a.Tell(new StartPeriodic("k", "tick", Ms(10), InitialDelay: Ms(3)));

        ExpectMsg(new Stamped("tick", At(3)));
        ExpectMsg(new Stamped("tick", At(13)));
        ExpectMsg(new Stamped("tick", At(23)));
    }

    [Fact]
    public void Cancel_BeforeDue_NothingFires()
    {
        var a = SpawnTimers();
        a.Tell(new StartPeriodic("k", "tick", Ms(10)));

        a.Tell(new CancelTimer("k"));

        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public void Cancel_TimerMessageAlreadyQueued_IsNotDelivered()
    {
        // Both timers fire at 10 ms, "a" first: its message cancels "b", whose message is then queued.
        var a = SpawnTimers();
        a.Tell(new StartSingle("a", new CancelTimer("b"), Ms(10)));
        a.Tell(new StartSingle("b", "tick", Ms(10)));

        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public void Cancel_PeriodicMessageAlreadyQueued_IsNotDelivered()
    {
        var a = SpawnTimers();
        a.Tell(new StartSingle("a", new CancelTimer("b"), Ms(10)));
        a.Tell(new StartPeriodic("b", "tick", Ms(10)));

        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public void Start_KeyInUse_ReplacesTheOldTimer()
    {
        var a = SpawnTimers();
        a.Tell(new StartSingle("k", "old", Ms(10)));

        a.Tell(new StartSingle("k", "new", Ms(20)));

        ExpectMsg(new Stamped("new", At(20)));
        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public void Start_KeyInUseWithMessageQueued_OldMessageIsNotDelivered()
    {
        var a = SpawnTimers();
        a.Tell(new StartSingle("x", new StartSingle("k", "new", Ms(5)), Ms(10)));
        a.Tell(new StartSingle("k", "old", Ms(10)));

        ExpectMsg(new Stamped("new", At(15)));
        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public async Task IsTimerActive_SingleTimer_TrueUntilItsMessageIsHandled()
    {
        var a = SpawnTimers();
        a.Tell(new StartSingle("k", "tick", Ms(10)));
        a.Tell(new StartPeriodic("p", "tock", Ms(100)));

        Assert.True(await a.Ask<bool>(new IsTimerActive("k")));
        ExpectMsg(new Stamped("tick", At(10)));
        Assert.False(await a.Ask<bool>(new IsTimerActive("k")));
        Assert.False(await a.Ask<bool>(new IsTimerActive("other")));
        a.Tell(new CancelTimer("p"));
        Assert.False(await a.Ask<bool>(new IsTimerActive("p")));
    }

    [Fact]
    public void Timers_ActorStops_AllCancelledAndNoDeadLetters()
    {
        var a = SpawnTimers();
        a.Tell(new StartPeriodic("p", "tick", Ms(10)));
        a.Tell(new StartSingle("s", "tock", Ms(15)));
        Settle();

        Sys.Stop(a);

        ExpectNoMsg(Duration.FromSeconds(1));
        Assert.Equal(0, Sys.DeadLetterCount);
        Assert.Equal(RunOutcome.Quiescent, Sys.RunUntilQuiescent(maxSteps: 1000).Outcome);
    }

    [Fact]
    public void Timers_ActorRestarts_AllCancelled()
    {
        var a = SpawnTimers();
        a.Tell(new StartPeriodic("p", "tick", Ms(10)));
        a.Tell(new StartSingle("s", "tock", Ms(15)));

        a.Tell(new Boom());

        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Theory]
    [InlineData("single", -1)]
    [InlineData("periodic", 0)]
    [InlineData("periodic", -1)]
    public void Start_BadDelayOrInterval_FailsWithArgumentOutOfRange(string kind, long ms)
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = SpawnTimers();

        a.Tell(kind == "single" ? new StartSingle("k", "x", Ms(ms)) : new StartPeriodic("k", "x", Ms(ms)));

        Assert.IsType<ArgumentOutOfRangeException>(failures.ExpectMsg<ActorFailed>().Cause);
    }

    [Fact]
    public void ScheduleTellOnce_FromHost_DeliversAtTheDelayWithTheGivenSender()
    {
        var sender = Sys.Spawn(Props.Create<EchoActor>());
        Sys.RunFor(Ms(1));

        Sys.ScheduleTellOnce(Ms(50), TestActor, "hello", sender);

        ExpectMsg("hello");
        Assert.Equal(At(51), Probe.LastMessage!.At);
        Assert.Equal(sender, Probe.LastSender);
        ExpectNoMsg(Duration.FromSeconds(1));
    }

    [Fact]
    public void ScheduleTellOnce_TargetStoppedMeanwhile_DeadLetterAtTheDueTime()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var target = Sys.Spawn(Props.Create<EchoActor>());
        Sys.ScheduleTellOnce(Ms(50), target, "late");

        Sys.Stop(target);

        Assert.Equal("late", deadLetters.ExpectMsg<DeadLetter>().Message);
        Assert.Equal(At(50), deadLetters.LastMessage!.At);
    }

    [Fact]
    public void ScheduleTellOnce_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.ScheduleTellOnce(Ms(-1), TestActor, "x"));
        Assert.Throws<ArgumentNullException>(() => Sys.ScheduleTellOnce(Ms(1), null!, "x"));
        Assert.Throws<ArgumentNullException>(() => Sys.ScheduleTellOnce(Ms(1), TestActor, null!));
    }
}
