namespace MachActors.Tests.Unit.Actors;

public sealed class PropsTests : ActorTestBase
{
    [Fact]
    public void New_ActorOutsideProps_ThrowsActorInitializationException()
    {
        var e = Assert.Throws<ActorInitializationException>(() => new EchoActor());

        Assert.Contains("Props.Create<EchoActor>()", e.Message);
    }

    [Fact]
    public async Task Factory_SameInstanceForTwoSpawns_SecondActorFailsClearlyAndStops()
    {
        var failures = SubscribeProbe<ActorFailed>();
        EchoActor? shared = null;
        var props = Props.Create(() => shared ??= new EchoActor());
        var first = Sys.Spawn(props, "first");
        Settle();

        var second = Sys.Spawn(props, "second");
        Watch(second);

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(second, failed.Actor);
        Assert.IsType<ActorInitializationException>(failed.Cause);
        Assert.Contains("must return a new instance", failed.Cause.InnerException?.Message);
        ExpectTerminated(second);
        Assert.Equal(new Ping(1), await first.Ask<Ping>(new Ping(1)));
    }

    [Fact]
    public void Factory_SameInstanceOnRestart_RestartFailsClearlyAndStops()
    {
        var failures = SubscribeProbe<ActorFailed>();
        ReportingActor? shared = null;
        var a = Sys.Spawn(Props.Create(() => shared ??= new ReportingActor(TestActor, "a")), "a");
        Watch(a);

        a.Tell(new Boom());

        Assert.IsType<TestException>(failures.ExpectMsg<ActorFailed>().Cause);
        var restart = failures.ExpectMsg<ActorFailed>(hint: "(the restart must fail: the factory reused the failed instance)");
        Assert.IsType<ActorInitializationException>(restart.Cause);
        Assert.Contains("must return a new instance", restart.Cause.InnerException?.Message);
        FishForMessage(m => m is Terminated);
    }

    [Fact]
    public void Factory_ThrowingConstructor_FailsWithActorInitializationExceptionAndStops()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = Sys.Spawn(Props.Create<LambdaActor>(() => throw new TestException("ctor")));
        Watch(a);

        var failed = failures.ExpectMsg<ActorFailed>();
        var init = Assert.IsType<ActorInitializationException>(failed.Cause);
        Assert.IsType<TestException>(init.InnerException);
        Assert.Contains(a.Path.ToString(), init.Message);
        ExpectTerminated(a);
    }

    [Fact]
    public void Factory_CalledInTheActorsFirstTurn_NotAtSpawn()
    {
        var made = 0;
        Sys.Spawn(Props.Create(() =>
        {
            made++;
            return new EchoActor();
        }));
        Assert.Equal(0, made);

        Settle();

        Assert.Equal(1, made);
    }

    [Fact]
    public async Task Create_OneProps_SpawnsActorsWithIndependentState()
    {
        var props = ReportingActor.Props(TestActor, "r");
        var a = Sys.Spawn(props);
        var b = Sys.Spawn(props);

        a.Tell(new Increment());
        a.Tell(new Increment());
        b.Tell(new Increment());

        Assert.Equal(new Count(2), await a.Ask<Count>(new GetCount()));
        Assert.Equal(new Count(1), await b.Ask<Count>(new GetCount()));
    }

    [Fact]
    public void Create_NullArguments_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Props.Create<EchoActor>(null!));
        Assert.Throws<ArgumentNullException>(() => Props.Create<EchoActor>().WithSupervisorStrategy(null!));
        Assert.Throws<ArgumentNullException>(() => Sys.Spawn(null!));
    }

    [Fact]
    public void WithSupervisorStrategy_ReturnsNewPropsAndLeavesOriginalUnchanged()
    {
        var original = Props.Create<EchoActor>();

        var derived = original.WithSupervisorStrategy(SupervisorStrategy.Stopping);

        Assert.Null(original.SupervisorStrategy);
        Assert.Same(SupervisorStrategy.Stopping, derived.SupervisorStrategy);
        Assert.Equal(typeof(EchoActor), derived.ActorType);
        Assert.Same(original.Factory, derived.Factory);
        Assert.Equal("Props(EchoActor)", derived.ToString());
    }
}
