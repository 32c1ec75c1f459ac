namespace MachActors.Tests.Unit.Actors;

public sealed class ActorContextTests : ActorTestBase
{
    /// <summary>Spawns an actor that hands its context out, and returns that context (captured in PreStart).</summary>
    private IActorContext CaptureContext()
    {
        IActorContext? captured = null;
        Sys.Spawn(LambdaActor.WithHooks(preStart: self => captured = self.Context), "owner");
        Settle();
        return captured!;
    }

    public static TheoryData<string> Operations() =>
    [
        "Spawn", "Stop", "Watch", "Unwatch", "Become", "BecomeStacked", "Unbecome", "Stash", "UnstashAll", "Timers",
        "ChooseBool", "ChooseInt",
    ];

    private static void Use(IActorContext context, string operation, IActorRef other)
    {
        switch (operation)
        {
            case "Spawn": context.Spawn(Props.Create<EchoActor>()); break;
            case "Stop": context.Stop(context.Self); break;
            case "Watch": context.Watch(other); break;
            case "Unwatch": context.Unwatch(other); break;
            case "Become": context.Become(_ => { }); break;
            case "BecomeStacked": context.BecomeStacked(_ => { }); break;
            case "Unbecome": context.Unbecome(); break;
            case "Stash": context.Stash(); break;
            case "UnstashAll": context.UnstashAll(); break;
            case "Timers": context.Timers.StartSingleTimer("k", "x", Duration.Zero); break;
            case "ChooseBool": context.ChooseBool(); break;
            default: context.ChooseInt(3); break;
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Context_UsedFromHostCode_ThrowsInvalidOperationExceptionNamingTheActor(string operation)
    {
        var context = CaptureContext();

        var e = Assert.Throws<InvalidOperationException>(() => Use(context, operation, TestActor));

        Assert.Contains("/user/owner", e.Message);
        Assert.Contains("only be used inside the actor's own handlers", e.Message);
    }

    [Fact]
    public void Context_UsedFromAnotherActor_FailsThatActor()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var context = CaptureContext();
        var intruder = SpawnLambda((_, _) => context.Spawn(Props.Create<EchoActor>()));

        intruder.Tell("go");

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(intruder, failed.Actor);
        Assert.IsType<InvalidOperationException>(failed.Cause);
    }

    [Fact]
    public void Run_FromInsideAnActor_FailsItWithInvalidOperationException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = SpawnLambda((self, _) => self.Context.System.RunUntilIdle());

        a.Tell("go");

        Assert.IsType<InvalidOperationException>(failures.ExpectMsg<ActorFailed>().Cause);
    }

    [Fact]
    public void Forward_InsideAnActor_KeepsTheOriginalSender()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        var forwarder = SpawnLambda((_, m) => echo.Forward(m));

        forwarder.Tell(new Msg("via"), TestActor);

        ExpectMsg(new Msg("via"));
        Assert.Equal(echo, Probe.LastSender);
    }

    [Fact]
    public void Forward_FromHostCode_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => TestActor.Forward("x"));
    }

    [Fact]
    public void Tell_ImplicitSender_IsSelfInsideAnActorAndNobodyOutside()
    {
        var a = SpawnLambda((self, m) =>
        {
            if (m is "relay") TestActor.Tell("from actor");
        });

        a.Tell("relay");
        ExpectMsg("from actor");
        Assert.Equal(a, Probe.LastSender);

        TestActor.Tell("from host");
        ExpectMsg("from host");
        Assert.Equal(Sys.DeadLetters, Probe.LastSender);
    }

    [Fact]
    public void ContextSelfAndSystem_InsideAHandler_AreTheActorAndItsSystem()
    {
        (IActorRef Self, ActorSystem System)? seen = null;
        var a = SpawnLambda((self, _) => seen = (self.Context.Self, self.Context.System));

        a.Tell("x");
        Settle();

        Assert.Equal((a, Sys), seen);
    }
}
