using System.Collections.Concurrent;

namespace MachActors.Tests.Unit.Actors;

public sealed class LifecycleTests : ActorTestBase
{
    [Fact]
    public void PreStart_MessageToldBeforeFirstTurn_RunsBeforeTheMessage()
    {
        var a = SpawnReporter("a");
        a.Tell(new Msg("first"));

        ExpectHook("a", Hook.PreStart);
        ExpectMsg(new Received("a", new Msg("first")));
    }

    [Fact]
    public void PostStop_ParentWithChildren_RunsAfterEveryChildsPostStop()
    {
        var parent = SpawnReporter("p");
        SpawnChildOf(parent, "c1");
        SpawnChildOf(parent, "c2");
        Probe.ReceiveN(3); // the three PreStarts

        Sys.Stop(parent);

        var stops = Probe.ReceiveN(3).Cast<HookCalled>().ToList();
        Assert.All(stops, h => Assert.Equal(Hook.PostStop, h.Hook));
        Assert.Equal(["c1", "c2"], stops.Take(2).Select(h => h.Tag).Order());
        Assert.Equal("p", stops[2].Tag);
    }

    [Fact]
    public void Stop_Parent_ChildrenTerminateFirst()
    {
        var parent = SpawnReporter("p");
        var child = SpawnChildOf(parent, "c");
        var grandchild = SpawnChildOf(child, "g");
        Watch(parent);
        Watch(child);
        Watch(grandchild);
        Settle();

        Sys.Stop(parent);

        Terminated NextTerminated() => Probe.FishForMessage<Terminated>(_ => true); // skips the PostStop reports
        Assert.Equal([grandchild, child, parent], [NextTerminated().ActorRef, NextTerminated().ActorRef, NextTerminated().ActorRef]);
    }

    [Fact]
    public void PoisonPill_BehindQueuedMail_ProcessesEarlierMailThenStops()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var a = SpawnReporter("a");
        Watch(a);
        a.Tell(new Msg("1"));
        a.Tell(new Msg("2"));
        a.Tell(PoisonPill.Instance);
        a.Tell(new Msg("3"));

        ExpectHook("a", Hook.PreStart);
        ExpectMsg(new Received("a", new Msg("1")));
        ExpectMsg(new Received("a", new Msg("2")));
        ExpectHook("a", Hook.PostStop);
        ExpectTerminated(a);
        Assert.Equal(new Msg("3"), deadLetters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Kill_RunningActor_FailsWithActorKilledExceptionAndStops()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = SpawnReporter("a");
        Watch(a);
        ExpectHook("a", Hook.PreStart);

        a.Tell(Kill.Instance);

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(a, failed.Actor);
        Assert.IsType<ActorKilledException>(failed.Cause);
        ExpectHook("a", Hook.PostStop); // stopped, not restarted: no PreRestart
        ExpectTerminated(a);
    }

    [Fact]
    public void SystemStop_FromHost_StopsTheActor()
    {
        var a = SpawnReporter("a");
        Watch(a);
        ExpectHook("a", Hook.PreStart);

        Sys.Stop(a);

        ExpectHook("a", Hook.PostStop);
        ExpectTerminated(a);
    }

    [Fact]
    public void SystemStop_RefOfAnotherSystem_ThrowsArgumentException()
    {
        using var other = ActorSystem.Create("other");
        var foreign = other.Spawn(Props.Create<EchoActor>());

        Assert.Throws<ArgumentException>(() => Sys.Stop(foreign));
        Assert.Throws<ArgumentException>(() => Sys.Stop(Sys.DeadLetters));
    }

    [Fact]
    public async Task ContextStop_NonChild_FailsTheCallerWithInvalidOperationException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var sibling = Sys.Spawn(Props.Create<EchoActor>(), "sibling");
        var a = SpawnLambda((self, m) => self.Context.Stop((IActorRef)m), "a");

        a.Tell(sibling);

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(a, failed.Actor);
        var cause = Assert.IsType<InvalidOperationException>(failed.Cause);
        Assert.Contains("/user/sibling", cause.Message);
        Assert.Equal(new Ping(1), await sibling.Ask<Ping>(new Ping(1)));
    }

    [Fact]
    public void ContextStop_Self_FinishesTheMessageInHandThenStops()
    {
        var a = SpawnLambda((self, m) =>
        {
            self.Context.Stop(self.Self);
            self.Sender.Tell(new Received("a", m), self.Self);
        });
        Watch(a);

        a.Tell(new Msg("last"), TestActor);
        a.Tell(new Msg("never"), TestActor);

        ExpectMsg(new Received("a", new Msg("last")));
        ExpectTerminated(a);
        ExpectNoMsg();
    }

    [Fact]
    public async Task ContextStop_Child_StopsOnlyTheChild()
    {
        var parent = SpawnLambda((self, m) =>
        {
            if (m is "spawn") self.Sender.Tell(self.Context.Spawn(Props.Create<EchoActor>(), "c"), self.Self);
            else self.Context.Stop((IActorRef)m);
        });
        var child = await parent.Ask<IActorRef>("spawn");
        Watch(child);
        Watch(parent);

        parent.Tell(child);

        ExpectTerminated(child);
        ExpectNoMsg();
    }

    [Fact]
    public void PostStop_Throws_FailureReportedAndActorStillStops()
    {
        var a = Sys.Spawn(LambdaActor.WithHooks(postStop: _ => throw new TestException("in PostStop")));
        Watch(a);
        Settle();

        Sys.Stop(a);

        ExpectTerminated(a);
        Assert.Equal(1, Sys.FailureCount);
    }

    [Fact]
    public void Terminate_System_StopsEveryActorChildrenFirst()
    {
        var log = new ConcurrentQueue<string>();
        Props Logging(string tag, string? child = null) => LambdaActor.WithHooks(
            preStart: self => { if (child is not null) self.Context.Spawn(Logging(child), child); },
            postStop: _ => log.Enqueue(tag));
        Sys.Spawn(Logging("a", child: "a-child"), "a");
        Sys.Spawn(Logging("b"), "b");
        Settle();

        Sys.Terminate();

        Assert.True(Sys.IsTerminated);
        var order = log.ToList();
        Assert.Equal(["a", "a-child", "b"], order.Order());
        Assert.True(order.IndexOf("a-child") < order.IndexOf("a"));
    }

    [Fact]
    public void Dispose_System_TerminatesAndLaterTellsAreDeadLetters()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        Settle();

        Sys.Dispose();
        var before = Sys.DeadLetterCount;
        a.Tell(new Msg("late"));

        Assert.True(Sys.IsTerminated);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
        Assert.Throws<InvalidOperationException>(() => Sys.Spawn(Props.Create<EchoActor>()));
    }
}
