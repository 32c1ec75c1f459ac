using MachActors.Actors.Tracing;

namespace MachActors.Tests.Unit.Actors;

public sealed class DeathWatchTests : ActorTestBase
{
    /// <summary>
    /// Watches any ref it is told, unwatches on ("unwatch", ref), and reports each Terminated to the
    /// test actor wrapped in <see cref="Received"/> (a bare Terminated told to an actor that does not
    /// watch the dead one is dropped, as in Akka).
    /// </summary>
    private IActorRef SpawnWatcher(string? name = null) => SpawnLambda((self, m) =>
    {
        switch (m)
        {
            case IActorRef target: self.Context.Watch(target); break;
            case ValueTuple<string, IActorRef> (_, var target): self.Context.Unwatch(target); break;
            case Terminated t: TestActor.Tell(new Received("watcher", t), self.Self); break;
        }
    }, name);

    [Fact]
    public void Watch_TargetStops_TerminatedDelivered()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>(), "target");
        var watcher = SpawnWatcher();
        watcher.Tell(target);
        Settle();

        Sys.Stop(target);

        ExpectMsg(new Received("watcher", new Terminated(target)));
        Assert.Equal(watcher, Probe.LastSender);
    }

    [Fact]
    public void Watch_TargetAlreadyDead_TerminatedAtOnce()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        StopAndWait(target);
        var watcher = SpawnWatcher();

        watcher.Tell(target);

        ExpectMsg(new Received("watcher", new Terminated(target)));
        Assert.Equal(VirtualTime.Zero, Probe.LastMessage!.At);
    }

    [Fact]
    public void Watch_Twice_OneTerminated()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var watcher = SpawnWatcher();
        watcher.Tell(target);
        watcher.Tell(target);
        Settle();

        Sys.Stop(target);

        ExpectMsg(new Received("watcher", new Terminated(target)));
        ExpectNoMsg();
    }

    [Fact]
    public void Unwatch_BeforeTargetStops_NoTerminated()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var watcher = SpawnWatcher();
        watcher.Tell(target);
        watcher.Tell(("unwatch", target));
        Settle();

        Sys.Stop(target);

        ExpectNoMsg();
    }

    [Fact]
    public void Unwatch_TerminatedAlreadyQueued_IsDropped()
    {
        // Highest id first: the child stops before its parent handles the message queued ahead of
        // the Terminated, so that message's Unwatch finds the Terminated already in the mailbox.
        var trace = new InMemoryTraceSink();
        using var kit = new Kit(new ActorSystemOptions { Strategy = new HighestIdFirstStrategy(), Trace = trace });
        IActorRef? child = null;
        var parent = kit.Sys.Spawn(LambdaActor.Props((self, m) =>
        {
            switch (m)
            {
                case "start":
                    child = self.Context.Watch(self.Context.Spawn(Props.Create<EchoActor>()));
                    break;
                case "stop":
                    self.Context.Stop(child!);
                    self.Self.Tell("unwatch", self.Self);
                    break;
                case "unwatch":
                    self.Context.Unwatch(child!);
                    break;
                default:
                    kit.TestActor.Tell(new Received("parent", m), self.Self);
                    break;
            }
        }));
        parent.Tell("start");
        kit.Settle();

        parent.Tell("stop");

        kit.ExpectNoMsg();
        Assert.Contains(trace.OfKind(TraceKind.Send), e => e.Other == parent.Id.Value && e.Message is Terminated);
    }

    [Fact]
    public void Terminated_Unhandled_WatcherFailsWithDeathPactAndStops()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var watcher = SpawnLambda((self, m) =>
        {
            if (m is IActorRef r) self.Context.Watch(r);
            else self.Unhandled(m);
        });
        watcher.Tell(target);
        Watch(watcher);
        Settle();

        Sys.Stop(target);

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(watcher, failed.Actor);
        Assert.Equal(target, Assert.IsType<DeathPactException>(failed.Cause).Dead);
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Watcher_StopsBeforeTarget_NeverNotified()
    {
        var trace = new InMemoryTraceSink();
        using var kit = new Kit(new ActorSystemOptions { Seed = 1, Trace = trace });
        var target = kit.Sys.Spawn(Props.Create<EchoActor>());
        var watcher = kit.Sys.Spawn(LambdaActor.Props((self, m) => self.Context.Watch((IActorRef)m)));
        watcher.Tell(target);
        kit.Watch(watcher);
        kit.Settle();
        kit.Sys.Stop(watcher);
        kit.ExpectTerminated(watcher);

        kit.Sys.Stop(target);
        kit.Settle();

        Assert.DoesNotContain(trace.OfKind(TraceKind.Send),
            e => e.Other == watcher.Id.Value && e.Message?.GetType().Name == "DeathWatchNotification");
    }

    [Fact]
    public void Watcher_StoppingWhenWatchedChildStops_GetsNoTerminatedAndNoDeadLetter()
    {
        var parent = SpawnLambda((self, m) =>
        {
            if (m is "start") self.Context.Watch(self.Context.Spawn(Props.Create<EchoActor>()));
            else TestActor.Tell(new Received("parent", m), self.Self); // a Terminated would show here
        });
        parent.Tell("start");
        Watch(parent);
        Settle();

        Sys.Stop(parent);

        ExpectTerminated(parent);
        ExpectNoMsg();
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void Watch_Self_IsIgnored()
    {
        var a = SpawnLambda((self, m) =>
        {
            if (m is "watch-self") TestActor.Tell(self.Context.Watch(self.Self), self.Self);
        });

        a.Tell("watch-self");

        Assert.Equal(a, ExpectMsg<IActorRef>());
        Sys.Stop(a);
        ExpectNoMsg();
    }

    [Fact]
    public void Terminated_ToldByAnotherActor_IsDroppedLikeAkka()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var a = SpawnLambda((self, m) => TestActor.Tell(new Received("a", m), self.Self));

        a.Tell(new Terminated(target));
        a.Tell(new Msg("after"));

        ExpectMsg(new Received("a", new Msg("after")));
    }
}
