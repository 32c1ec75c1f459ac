using System.Collections.Concurrent;

namespace MachActors.Tests.Unit.Actors.Dispatch;

/// <summary>
/// Behaviours whose outcome does not depend on the interleaving, checked under both dispatchers:
/// the parallel one must give the same results as the controlled one.
/// </summary>
public sealed class DispatcherParityTests
{
    public static TheoryData<DispatcherKind> Kinds => [DispatcherKind.Controlled, DispatcherKind.Parallel];

    private static Duration Ms(long n) => Duration.FromMilliseconds(n);

    /// <summary>Spawns <paramref name="count"/> actors whose PreStart runs <paramref name="start"/> with their index.</summary>
    private static void SpawnStarters(Kit kit, int count, Action<LambdaActor, int> start)
    {
        for (var i = 0; i < count; i++)
        {
            var index = i;
            kit.Sys.Spawn(LambdaActor.WithHooks(preStart: self => start(self, index)));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PingPong_ThousandRounds_EveryPongArrives(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var ponger = kit.Sys.Spawn(Props.Create<PingPongActor>());

        kit.Sys.Spawn(Props.Create(() => new PingerActor(ponger, 1000, kit.TestActor)));

        kit.ExpectMsg(new Count(1000));
        Assert.Equal(VirtualTime.Zero, kit.Now);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Ask_ReplyAndTimeout(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var ponger = kit.Sys.Spawn(Props.Create<PingPongActor>(), "ponger");

        Assert.Equal(new Pong(5), await ponger.Ask<Pong>(new Ping(5)));
        var e = await Assert.ThrowsAsync<TimeoutException>(() => ponger.Ask<Pong>("unanswered", Ms(40)));
        Assert.Contains("/user/ponger", e.Message);
        Assert.Equal(VirtualTime.Zero + Ms(40), kit.Now);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void StopParent_ChildrenStopFirstAndWatchersAreNotified(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var log = new ConcurrentQueue<string>();
        Props Node(string name, int depth) => LambdaActor.WithHooks(
            preStart: self =>
            {
                for (var i = 0; depth > 0 && i < 3; i++) self.Context.Spawn(Node(name + i, depth - 1), name + i);
            },
            postStop: _ => log.Enqueue(name));
        var root = kit.Sys.Spawn(Node("r", 3), "r");
        kit.Watch(root);
        kit.Settle();

        kit.Sys.Stop(root);

        kit.ExpectTerminated(root);
        var order = log.ToList();
        Assert.Equal(1 + 3 + 9 + 27, order.Count);
        Assert.All(order, n => Assert.True(order.IndexOf(n) < order.IndexOf(n[..^1].Length == 0 ? n : n[..^1]) || n == "r"));
        Assert.Equal("r", order[^1]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Timers_PeriodicAndScheduledTell_FireAtTheRightVirtualTime(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var timers = kit.Sys.Spawn(TimerActor.Props(kit.TestActor));

        timers.Tell(new StartPeriodic("p", "tick", Ms(10)));
        kit.Sys.ScheduleTellOnce(Ms(25), timers, "told");

        kit.ExpectMsg(new Stamped("tick", VirtualTime.Zero + Ms(10)));
        kit.ExpectMsg(new Stamped("tick", VirtualTime.Zero + Ms(20)));
        kit.ExpectMsg(new Stamped("told", VirtualTime.Zero + Ms(25)));
        kit.ExpectMsg(new Stamped("tick", VirtualTime.Zero + Ms(30)));
        timers.Tell(new CancelTimer("p"));
        kit.ExpectNoMsg(Ms(100));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RunFor_AdvancesTheClockExactly(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var timers = kit.Sys.Spawn(TimerActor.Props(kit.TestActor));
        timers.Tell(new StartPeriodic("p", "tick", Ms(7)));

        var result = kit.Sys.RunFor(Ms(100));

        Assert.Equal(RunOutcome.DeadlineReached, result.Outcome);
        Assert.Equal(VirtualTime.Zero + Ms(100), kit.Now);
        Assert.Equal(14, kit.Probe.PendingCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Supervision_RestartKeepsMailboxResumeKeepsState(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var (_, restarting) = kit.SpawnParentAndChild(ActorTestBase.Always(Directive.Restart));
        var resumingParent = kit.Sys.Spawn(ReportingActor.Props(kit.TestActor, "q").WithSupervisorStrategy(ActorTestBase.Always(Directive.Resume)));
        var resuming = kit.SpawnChildOf(resumingParent, "d");

        foreach (var child in new[] { restarting, resuming })
        {
            child.Tell(new Increment());
            child.Tell(new Boom());
            child.Tell(new Increment());
        }

        Assert.Equal(new Count(1), await restarting.Ask<Count>(new GetCount()));
        Assert.Equal(new Count(2), await resuming.Ask<Count>(new GetCount()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoisonPill_EarlierMailHandledLaterMailDeadLettered(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var a = kit.SpawnReporter("a");
        kit.Watch(a);

        foreach (var m in new object[] { new Msg("1"), new Msg("2"), PoisonPill.Instance, new Msg("3") }) a.Tell(m);

        kit.ExpectHook("a", Hook.PreStart);
        kit.ExpectMsg(new Received("a", new Msg("1")));
        kit.ExpectMsg(new Received("a", new Msg("2")));
        kit.ExpectHook("a", Hook.PostStop);
        kit.ExpectTerminated(a);
        Assert.Equal(1, kit.Sys.DeadLetterCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnstashAll_MailQueuedBehindTheOpener_StashedFirstThenLaterMail(DispatcherKind kind)
    {
        // Under the parallel dispatcher the whole sequence usually sits in one batch: unstashing must
        // put the stash in front of the batch's unhandled rest, not behind it.
        using var kit = new Kit(kind);
        var opened = false;
        var s = kit.SpawnLambda((self, m) =>
        {
            if (m is "open")
            {
                opened = true;
                self.Context.UnstashAll();
            }
            else if (opened) kit.TestActor.Tell(m, self.Self);
            else self.Context.Stash();
        });

        foreach (var m in new object[] { new Msg("1"), new Msg("2"), "open", new Msg("3"), new Msg("4") }) s.Tell(m);

        Assert.Equal([new Msg("1"), new Msg("2"), new Msg("3"), new Msg("4")], kit.Probe.ReceiveN(4));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PerSenderFifo_ManySendersOneTarget_EachSendersOrderKept(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        const int senders = 4, messages = 500;
        var next = new int[senders];
        var violations = 0;
        var collector = kit.Sys.Spawn(LambdaActor.Props((_, m) =>
        {
            var (from, n) = ((int, int))m;
            if (next[from]++ != n) violations++;
        }));
        SpawnStarters(kit, senders, (self, id) =>
        {
            for (var i = 0; i < messages; i++) collector.Tell((id, i), self.Self);
        });

        kit.Sys.RunUntilQuiescent();

        Assert.Equal(0, violations);
        Assert.All(next, n => Assert.Equal(messages, n));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FanIn_ManyIncrementers_CounterSeesEveryIncrement(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var counter = kit.Sys.Spawn(ReportingActor.Props(kit.TestActor, "counter"));
        SpawnStarters(kit, 50, (self, _) =>
        {
            for (var j = 0; j < 20; j++) counter.Tell(new Increment(), self.Self);
            self.Context.Stop(self.Self);
        });

        kit.Sys.RunUntilQuiescent();

        Assert.Equal(new Count(1000), await counter.Ask<Count>(new GetCount()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeathPact_UnhandledTerminated_StopsTheWatcher(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var target = kit.Sys.Spawn(Props.Create<EchoActor>());
        var watcher = kit.SpawnLambda((self, m) =>
        {
            if (m is IActorRef r) self.Context.Watch(r);
            else self.Unhandled(m);
        });
        watcher.Tell(target);
        kit.Watch(watcher);
        kit.Settle();

        kit.Sys.Stop(target);

        kit.ExpectTerminated(watcher);
        Assert.Equal(1, kit.Sys.FailureCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeadLetters_TellToStoppedActor_CountedAndPublished(DispatcherKind kind)
    {
        using var kit = new Kit(kind);
        var deadLetters = kit.SubscribeProbe<DeadLetter>();
        var a = kit.Sys.Spawn(Props.Create<EchoActor>());
        kit.StopAndWait(a);

        a.Tell(new Msg("late"));

        Assert.Equal(new Msg("late"), deadLetters.ExpectMsg<DeadLetter>().Message);
        Assert.Equal(1, kit.Sys.DeadLetterCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Terminate_ManyActors_EveryPostStopRuns(DispatcherKind kind)
    {
        var kit = new Kit(kind);
        var stopped = 0;
        for (var i = 0; i < 200; i++)
        {
            kit.Sys.Spawn(LambdaActor.WithHooks(postStop: _ => Interlocked.Increment(ref stopped)));
        }
        kit.Settle();

        kit.Sys.Terminate();

        Assert.True(kit.Sys.IsTerminated);
        Assert.Equal(200, Volatile.Read(ref stopped));
        kit.Dispose();
    }
}
