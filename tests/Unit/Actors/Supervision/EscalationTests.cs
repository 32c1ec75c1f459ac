namespace MachActors.Tests.Unit.Actors.Supervision;

public sealed class EscalationTests : ActorTestBase
{
    [Fact]
    public void Escalate_ChildFails_GrandparentDecidesAboutTheParent()
    {
        var seen = new List<Exception>();
        var grandparent = Sys.Spawn(ReportingActor.Props(TestActor, "gp").WithSupervisorStrategy(
            new OneForOneStrategy(e =>
            {
                seen.Add(e);
                return Directive.Restart;
            })), "gp");
        var parent = SpawnChildOf(grandparent, "p", "p", Always(Directive.Escalate));
        var child = SpawnChildOf(parent, "c", "c");
        Probe.ReceiveN(3); // PreStarts
        var watcher = WatchWithNewProbe(child);

        child.Tell(new Boom("deep"));

        ExpectMsg(new HookCalled("p", Hook.PreRestart, "deep on "));
        ExpectHook("p", Hook.PostStop);
        ExpectHook("c", Hook.PostStop);
        ExpectHook("p", Hook.PostRestart);
        watcher.ExpectTerminated(child); // stopped by the parent's default PreRestart
        Assert.Equal("deep", Assert.Single(seen).Message);
    }

    [Fact]
    public void Escalate_ChildFails_FailureIsPublishedForChildThenParent()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var (parent, child) = SpawnParentAndChild(Always(Directive.Escalate));

        child.Tell(new Boom());

        var first = failures.ExpectMsg<ActorFailed>();
        var second = failures.ExpectMsg<ActorFailed>();
        Assert.Equal((child, parent), (first.Actor, second.Actor));
        Assert.Same(first.Cause, second.Cause);
        Assert.Equal(new Boom(), first.Message);
    }

    [Fact]
    public async Task Escalate_GrandparentResumes_FailedChildGoesOnWithItsMail()
    {
        var grandparent = Sys.Spawn(ReportingActor.Props(TestActor, "gp").WithSupervisorStrategy(Always(Directive.Resume)), "gp");
        var parent = SpawnChildOf(grandparent, "p", "p", Always(Directive.Escalate));
        var child = SpawnChildOf(parent, "c", "c");
        child.Tell(new Increment());

        child.Tell(new Boom());
        child.Tell(new Increment());

        Assert.Equal(new Count(2), await child.Ask<Count>(new GetCount(), Duration.FromSeconds(1)));
    }

    [Fact]
    public async Task Escalate_GrandparentRestarts_ChildKeptByCustomPreRestartIsRestartedToo()
    {
        // The parent escalates and keeps its children over a restart; its supervisor (the /user
        // guardian, default strategy) restarts it, so the child that failed is restarted as well.
        var parent = Sys.Spawn(Props.Create(() => new LambdaActor((self, _) =>
                self.Sender.Tell(self.Context.Spawn(ReportingActor.Props(TestActor, "c"), "c"), self.Self))
            { Strategy = Always(Directive.Escalate), OnPreRestart = (_, _, _) => { } }));
        var child = await parent.Ask<IActorRef>("spawn");
        ExpectHook("c", Hook.PreStart);
        child.Tell(new Increment());

        child.Tell(new Boom("deep"));
        child.Tell(new Increment());

        ExpectHook("c", Hook.PreRestart);
        Assert.Equal(new Count(1), await child.Ask<Count>(new GetCount(), Duration.FromSeconds(1)));
    }

    [Fact]
    public void GuardianEscalates_TopLevelFails_RecordedPublishedAndUserActorsStop()
    {
        using var kit = new Kit(new ActorSystemOptions { Seed = 1, GuardianStrategy = Always(Directive.Escalate) });
        var unhandled = kit.SubscribeProbe<UnhandledFailure>();
        var watcher = kit.CreateTestProbe();
        var failing = kit.Sys.Spawn(Props.Create<ReportingActor>(() => new ReportingActor(watcher.Ref, "a")), "a");
        var bystander = kit.Sys.Spawn(Props.Create<EchoActor>(), "b");
        watcher.Watch(bystander);
        kit.Settle();

        failing.Tell(new Boom("top"));

        var published = unhandled.ExpectMsg<UnhandledFailure>();
        Assert.Equal(failing, published.Actor);
        Assert.Equal("top", published.Cause.Message);
        var recorded = Assert.Single(kit.Sys.UnhandledFailures);
        Assert.Same(published.Cause, recorded.Cause);
        watcher.FishForMessage(m => m is Terminated t && t.ActorRef.Equals(bystander));
    }

    [Fact]
    public void DefaultGuardian_TopLevelFails_NoUnhandledFailure()
    {
        var a = SpawnReporter("a");
        ExpectHook("a", Hook.PreStart);

        a.Tell(new Boom());

        ExpectHook("a", Hook.PreRestart);
        Assert.Empty(Sys.UnhandledFailures);
        Assert.Equal(1, Sys.FailureCount);
    }

    [Fact]
    public void GuardianEscalates_TopLevelFails_SystemIsTerminated()
    {
        using var kit = new Kit(new ActorSystemOptions { Seed = 1, GuardianStrategy = Always(Directive.Escalate) });
        var failing = kit.SpawnReporter("a");

        failing.Tell(new Boom());
        kit.Sys.RunUntilQuiescent();

        Assert.True(kit.Sys.IsTerminated);
    }
}

