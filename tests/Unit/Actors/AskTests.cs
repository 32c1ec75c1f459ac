namespace MachActors.Tests.Unit.Actors;

public sealed class AskTests : ActorTestBase
{
    /// <summary>Replies to each message with what <paramref name="reply"/> makes of it (nothing when null).</summary>
    private IActorRef SpawnReplier(Func<object, object?> reply, string? name = null) => SpawnLambda((self, m) =>
    {
        if (reply(m) is { } r) self.Sender.Tell(r, self.Self);
    }, name);

    [Fact]
    public async Task Ask_TargetReplies_CompletesWithTheReply()
    {
        var echo = Sys.Spawn(Props.Create<PingPongActor>());

        var task = echo.Ask<Pong>(new Ping(3));

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(new Pong(3), await task);
        Assert.Equal(VirtualTime.Zero, Sys.Now);
    }

    [Fact]
    public async Task Ask_StatusSuccess_IsUnwrapped()
    {
        var replier = SpawnReplier(_ => new Status.Success(42));

        Assert.Equal(42, await replier.Ask<int>("q"));
    }

    [Fact]
    public async Task Ask_StatusFailure_FaultsWithItsCause()
    {
        var cause = new TestException("refused");
        var replier = SpawnReplier(_ => new Status.Failure(cause));

        var thrown = await Assert.ThrowsAsync<TestException>(() => replier.Ask<int>("q"));

        Assert.Same(cause, thrown);
    }

    [Fact]
    public async Task Ask_NoReply_TimesOutNamingTheTargetAfterExactlyTheTimeout()
    {
        var silent = SpawnReplier(_ => null, "silent");
        Sys.RunFor(Duration.FromMilliseconds(1));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => silent.Ask<int>("q", Duration.FromMilliseconds(250)));

        Assert.Contains("/user/silent", e.Message);
        Assert.Equal(VirtualTime.Zero + Duration.FromMilliseconds(251), Sys.Now);
    }

    [Fact]
    public async Task Ask_NoTimeoutGiven_UsesTheSystemDefault()
    {
        using var kit = new Kit(new ActorSystemOptions { AskTimeout = Duration.FromSeconds(7) });
        var silent = kit.Sys.Spawn(LambdaActor.WithHooks());

        await Assert.ThrowsAsync<TimeoutException>(() => silent.Ask("q"));

        Assert.Equal(VirtualTime.Zero + Duration.FromSeconds(7), kit.Sys.Now);
    }

    [Fact]
    public async Task Ask_ReplyOfAnotherType_FaultsWithInvalidCastException()
    {
        var replier = SpawnReplier(_ => "text", "r");

        var e = await Assert.ThrowsAsync<InvalidCastException>(() => replier.Ask<int>("q"));

        Assert.Contains("Int32", e.Message);
        Assert.Contains("String", e.Message);
        Assert.Contains("/user/r", e.Message);
    }

    [Fact]
    public void Ask_FromInsideAnActor_FailsItWithInvalidOperationException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var target = Sys.Spawn(Props.Create<EchoActor>());
        var asker = SpawnLambda((_, _) => target.Ask<object>("q"));

        asker.Tell("go");

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(asker, failed.Actor);
        Assert.IsType<InvalidOperationException>(failed.Cause);
    }

    [Fact]
    public async Task Ask_ReplyAfterTheTimeout_BecomesADeadLetter()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var slow = SpawnLambda((self, m) =>
        {
            if (m is "q") self.Context.System.ScheduleTellOnce(Duration.FromSeconds(2), self.Sender, "late", self.Self);
        });

        await Assert.ThrowsAsync<TimeoutException>(() => slow.Ask<string>("q", Duration.FromSeconds(1)));

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("late", dead.Message);
        Assert.Equal(slow, dead.Sender);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Ask_SecondReply_BecomesADeadLetter()
    {
        var twice = SpawnLambda((self, _) =>
        {
            self.Sender.Tell("one", self.Self);
            self.Sender.Tell("two", self.Self);
        });

        Assert.Equal("one", await twice.Ask<string>("q"));

        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Ask_StoppedTarget_TimesOutAndTheRequestIsADeadLetter()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>());
        StopAndWait(target);

        await Assert.ThrowsAsync<TimeoutException>(() => target.Ask("q", Duration.FromMilliseconds(10)));

        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Ask_SenderSeenByTheTarget_IsATempPathNamingTheTarget()
    {
        IActorRef? seen = null;
        var target = SpawnLambda((self, m) =>
        {
            seen = self.Sender;
            self.Sender.Tell(m, self.Self);
        }, "target");

        _ = target.Ask("q");

        Assert.Equal("/temp/ask-target", seen?.Path.ToString());
    }
}
