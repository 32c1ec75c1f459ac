namespace MachActors.Tests.Unit.Actors;

public sealed class StashTests : ActorTestBase
{
    /// <summary>
    /// Stashes everything until "open", then unstashes and reports each message (with its sender)
    /// as Received("s", (message, sender)). Boom throws; <see cref="Watching"/> watches. With
    /// <paramref name="openAfterRestart"/>, a restarted instance starts open.
    /// </summary>
    private IActorRef SpawnStasher(bool openAfterRestart = false)
    {
        var instances = 0;
        return Sys.Spawn(Props.Create(() =>
        {
            var startOpen = openAfterRestart && ++instances > 1;
            return new LambdaActor((self, m) =>
            {
                switch (m)
                {
                    case Boom b:
                        throw new TestException(b.Reason);
                    case Watching w:
                        self.Context.Watch(w.Target);
                        break;
                    case "open" when !startOpen && self.State == 0:
                        self.State = 1;
                        self.Context.UnstashAll();
                        break;
                    case var _ when startOpen || self.State == 1:
                        TestActor.Tell(new Received("s", (m, self.Sender)), self.Self);
                        break;
                    default:
                        self.Context.Stash();
                        break;
                }
            });
        }));
    }

    private object Report(object message, IActorRef? sender = null) => new Received("s", (message, sender ?? Sys.DeadLetters));

    [Fact]
    public void UnstashAll_StashedMessages_ComeBackInOrderBeforeLaterMail()
    {
        var s = SpawnStasher();
        s.Tell(new Msg("1"));
        s.Tell(new Msg("2"));
        s.Tell(new Msg("3"));
        s.Tell("open");
        s.Tell(new Msg("4"));

        ExpectMsg(Report(new Msg("1")));
        ExpectMsg(Report(new Msg("2")));
        ExpectMsg(Report(new Msg("3")));
        ExpectMsg(Report(new Msg("4")));
    }

    [Fact]
    public void UnstashAll_StashedMessage_KeepsItsOriginalSender()
    {
        var s = SpawnStasher();
        var other = CreateTestProbe();
        other.Send(s, new Msg("from-other"));
        Settle();

        s.Tell("open");

        ExpectMsg(Report(new Msg("from-other"), other.Ref));
    }

    [Fact]
    public void Stash_ActorStops_StashedThenQueuedMailBecomeDeadLetters()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var s = SpawnStasher();
        s.Tell(new Msg("stashed-1"));
        s.Tell(new Msg("stashed-2"));
        Settle();
        s.Tell(new Msg("queued"));

        Sys.Stop(s);

        var dead = deadLetters.ReceiveN(3).Cast<DeadLetter>().ToList();
        Assert.Equal([new Msg("stashed-1"), new Msg("stashed-2"), new Msg("queued")], dead.Select(d => d.Message));
        Assert.All(dead, d => Assert.Equal(s, d.Recipient));
        Assert.Equal(3, Sys.DeadLetterCount);
    }

    [Fact]
    public void Stash_ActorRestarts_StashedMessagesAreUnstashedForTheFreshInstance()
    {
        var s = SpawnStasher(openAfterRestart: true);
        s.Tell(new Msg("1"));
        s.Tell(new Msg("2"));
        s.Tell(new Boom());
        s.Tell(new Msg("3"));

        ExpectMsg(Report(new Msg("1")));
        ExpectMsg(Report(new Msg("2")));
        ExpectMsg(Report(new Msg("3")));
    }

    [Fact]
    public void Stash_OutsideAUserMessage_Throws()
    {
        var failures = SubscribeProbe<ActorFailed>();
        Sys.Spawn(LambdaActor.WithHooks(preStart: self => self.Context.Stash()));

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.IsType<InvalidOperationException>(failed.Cause.InnerException);
        Assert.Contains("Stash is only possible while handling a user message", failed.Cause.InnerException!.Message);
    }

    [Fact]
    public void Stash_Terminated_IsReceivedAgainAfterUnstash()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var s = SpawnStasher();
        s.Tell(new Watching(target));
        Settle();

        Sys.Stop(target);
        Settle();
        s.Tell("open");

        FishForMessage(m => m is Received { Message: (Terminated t, _) } && t.ActorRef.Equals(target));
    }

    /// <summary>Makes the stasher watch <paramref name="Target"/> (handled before the stash check).</summary>
    private sealed record Watching(IActorRef Target);
}
