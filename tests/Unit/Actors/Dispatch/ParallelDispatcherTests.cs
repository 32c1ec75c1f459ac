namespace MachActors.Tests.Unit.Actors.Dispatch;

public sealed class ParallelDispatcherTests
{
    private static Kit Parallel(int throughput = 30) =>
        new(new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel, Throughput = throughput });

    /// <summary>Plays <paramref name="rounds"/> rounds of ping-pong in <paramref name="kit"/> and returns the pong count.</summary>
    private static Count PingPong(Kit kit, int rounds)
    {
        var ponger = kit.Sys.Spawn(Props.Create<PingPongActor>());
        kit.Sys.Spawn(Props.Create(() => new PingerActor(ponger, rounds, kit.TestActor)));
        return kit.ExpectMsg<Count>();
    }

    [Fact]
    public void TwoSystems_AliveAtOnce_EachRunsAndCountsOnlyItsOwnActors()
    {
        using var a = Parallel();
        using var b = Parallel();
        Assert.Equal(new Count(100), PingPong(a, 100));
        a.Sys.RunUntilQuiescent();
        var stepsA = a.Sys.TotalSteps;

        Assert.Equal(new Count(500), PingPong(b, 500));
        b.Sys.RunUntilQuiescent();

        Assert.Equal(stepsA, a.Sys.TotalSteps);
        Assert.Equal(new Count(100), PingPong(a, 100));
    }

    [Fact]
    public void TotalSteps_SameConfluentWorkload_SameCountAsControlled()
    {
        using var parallel = Parallel();
        using var controlled = new Kit(DispatcherKind.Controlled);

        PingPong(parallel, 300);
        PingPong(controlled, 300);
        // The probe may get its Count before the last turn has added its steps: count at quiescence.
        parallel.Sys.RunUntilQuiescent();
        controlled.Sys.RunUntilQuiescent();

        Assert.Equal(controlled.Sys.TotalSteps, parallel.Sys.TotalSteps);
    }

    [Fact]
    public void Tell_ActorOfAnotherSystem_IsDeliveredAndRepliedTo()
    {
        using var a = Parallel();
        using var b = Parallel();
        var echoInB = b.Sys.Spawn(Props.Create<EchoActor>());
        var relay = a.Sys.Spawn(LambdaActor.Props((_, m) => echoInB.Tell(m, a.TestActor)));

        relay.Tell("across");
        // Each system only drives (and detects quiescence of) itself: let a's relay send, then b's
        // echo answer, before a waits; otherwise a could go quiet and run its clock to the timeout
        // while b's pool thread had not yet answered.
        a.Sys.RunUntilQuiescent();
        b.Sys.RunUntilQuiescent();

        a.ExpectMsg("across");
        Assert.Equal(echoInB, a.Probe.LastSender);
    }

    [Fact]
    public void Options_ParallelSystem_HasNoStrategyAndNoRecording()
    {
        using var kit = Parallel();

        Assert.True(kit.Sys.IsParallel);
        Assert.Null(kit.Sys.Strategy);
        var e = Assert.Throws<InvalidOperationException>(() => kit.Sys.RecordedSchedule());
        Assert.Contains("parallel dispatcher", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_NonPositiveThroughput_Throws(int throughput)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create(
            "bad", new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel, Throughput = throughput }));
    }

    [Fact]
    public void Throughput_One_StillDeliversEverything()
    {
        using var kit = Parallel(throughput: 1);

        Assert.Equal(new Count(200), PingPong(kit, 200));
    }

    [Fact]
    public void Run_FromInsideAnActor_FailsIt()
    {
        using var kit = Parallel();
        var failures = kit.SubscribeProbe<ActorFailed>();
        var a = kit.SpawnLambda((self, _) => self.Context.System.RunUntilIdle());

        a.Tell("go");

        Assert.IsType<InvalidOperationException>(failures.ExpectMsg<ActorFailed>().Cause);
    }
}
