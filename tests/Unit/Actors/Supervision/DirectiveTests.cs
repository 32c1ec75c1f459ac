namespace MachActors.Tests.Unit.Actors.Supervision;

public sealed class DirectiveTests : ActorTestBase
{
    [Fact]
    public async Task Resume_ChildFails_KeepsStateAndDropsTheFailingMessage()
    {
        var (_, child) = SpawnParentAndChild(Always(Directive.Resume));
        child.Tell(new Increment());
        child.Tell(new Increment());
        child.Tell(new Boom());
        child.Tell(new Increment());

        Assert.Equal(new Count(3), await child.Ask<Count>(new GetCount()));
        Assert.Equal(1, Sys.FailureCount);
        ExpectNoMsg(); // no restart hooks
    }

    [Fact]
    public async Task Restart_ChildFails_FreshInstanceHooksInOrderAndMailboxKept()
    {
        var (_, child) = SpawnParentAndChild(Always(Directive.Restart));
        child.Tell(new Increment());
        child.Tell(new Boom("bad"));
        child.Tell(new Msg("after-1"));
        child.Tell(new Msg("after-2"));

        ExpectMsg(new HookCalled("c", Hook.PreRestart, "bad on " + new Boom("bad")));
        ExpectMsg(new HookCalled("c", Hook.PostStop)); // the default PreRestart calls PostStop
        ExpectMsg(new HookCalled("c", Hook.PostRestart, "bad"));
        ExpectMsg(new HookCalled("c", Hook.PreStart)); // the default PostRestart calls PreStart
        ExpectMsg(new Received("c", new Msg("after-1")));
        ExpectMsg(new Received("c", new Msg("after-2")));
        Assert.Equal(new Count(0), await child.Ask<Count>(new GetCount()));
    }

    [Fact]
    public void Restart_DefaultPreRestart_StopsChildrenBeforeTheFreshInstanceStarts()
    {
        var (_, child) = SpawnParentAndChild(Always(Directive.Restart));
        var grandchild = SpawnChildOf(child, "g", "g");
        ExpectHook("g", Hook.PreStart);
        var watcher = WatchWithNewProbe(grandchild);

        child.Tell(new Boom());

        ExpectHook("c", Hook.PreRestart);
        ExpectHook("c", Hook.PostStop);
        ExpectHook("g", Hook.PostStop);
        ExpectHook("c", Hook.PostRestart);
        watcher.ExpectTerminated(grandchild);
        Assert.Equal("/user/p/c/g", SpawnChildOf(child, "g2", "g").Path.ToString()); // the name is free again
    }

    [Fact]
    public void Stop_ChildFails_StopsItAndDeadLettersItsMail()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var (_, child) = SpawnParentAndChild(Always(Directive.Stop));
        Watch(child);

        child.Tell(new Boom());
        child.Tell(new Msg("queued"));

        ExpectHook("c", Hook.PostStop);
        ExpectTerminated(child);
        Assert.Equal(new Msg("queued"), deadLetters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public async Task PropsStrategy_OverridesActorSupervisorStrategy()
    {
        var resuming = Props.Create(() => new LambdaActor(SpawnOnRequest) { Strategy = Always(Directive.Resume) });
        var overridden = Sys.Spawn(resuming.WithSupervisorStrategy(Always(Directive.Stop)));
        var child = await overridden.Ask<IActorRef>("spawn");
        var watcher = WatchWithNewProbe(child);

        child.Tell(new Boom());

        watcher.ExpectTerminated(child);
    }

    [Fact]
    public async Task ActorStrategy_UsedWhenPropsHasNone()
    {
        var resuming = Props.Create(() => new LambdaActor(SpawnOnRequest) { Strategy = Always(Directive.Resume) });
        var parent = Sys.Spawn(resuming);
        var child = await parent.Ask<IActorRef>("spawn");
        child.Tell(new Increment());

        child.Tell(new Boom());

        Assert.Equal(new Count(1), await child.Ask<Count>(new GetCount()));
    }

    private void SpawnOnRequest(LambdaActor self, object message) =>
        self.Sender.Tell(self.Context.Spawn(ReportingActor.Props(TestActor, "child")), self.Self);
}
