namespace MachActors.Tests.Unit.Actors;

public sealed class DeadLetterTests : ActorTestBase
{
    private IActorRef SpawnStopped()
    {
        var target = Sys.Spawn(Props.Create<EchoActor>(), "gone");
        StopAndWait(target);
        return target;
    }

    [Fact]
    public void Tell_StoppedActor_IsCountedAndPublishedNotThrown()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var target = SpawnStopped();

        target.Tell(new Msg("x"), TestActor);

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal(new DeadLetter(new Msg("x"), TestActor, target), dead);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_StoppedActorFromInsideAnActor_SenderGoesOn()
    {
        var target = SpawnStopped();
        var sender = SpawnLambda((self, m) =>
        {
            target.Tell(m);
            TestActor.Tell(new Received("sender", m), self.Self);
        });

        sender.Tell(new Msg("1"));
        sender.Tell(new Msg("2"));

        ExpectMsg(new Received("sender", new Msg("1")));
        ExpectMsg(new Received("sender", new Msg("2")));
        Assert.Equal(2, Sys.DeadLetterCount);
        Assert.Equal(0, Sys.FailureCount);
    }

    [Fact]
    public void Stop_MailStillQueued_EveryMessageIsADeadLetterInOrder()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();
        var target = Sys.Spawn(Props.Create<EchoActor>());
        for (var i = 0; i < 3; i++) target.Tell(new Ping(i));

        Sys.Stop(target); // system messages go first: none of the mail is handled

        Assert.Equal([new Ping(0), new Ping(1), new Ping(2)], deadLetters.ReceiveN(3).Cast<DeadLetter>().Select(d => d.Message));
        Assert.Equal(3, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_DeadLettersRef_IsCountedAndPublished()
    {
        var deadLetters = SubscribeProbe<DeadLetter>();

        Sys.DeadLetters.Tell("nowhere");

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("nowhere", dead.Message);
        Assert.Equal(Sys.DeadLetters, dead.Recipient);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Reply_ToHostSender_IsADeadLetter()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());

        echo.Tell(new Msg("from host")); // the host is nobody: the echo goes to dead letters
        Settle();

        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_NullMessage_ThrowsArgumentNullException()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());

        Assert.Throws<ArgumentNullException>(() => echo.Tell(null!, null));
        Assert.Throws<ArgumentNullException>(() => Sys.DeadLetters.Tell(null!, null));
    }

    [Fact]
    public void Unhandled_Message_IsPublishedAndCounted()
    {
        var unhandled = SubscribeProbe<UnhandledMessage>();
        var a = Sys.Spawn(Props.Create<PingPongActor>());

        a.Tell(new Msg("?"), TestActor);

        Assert.Equal(new UnhandledMessage(new Msg("?"), TestActor, a), unhandled.ExpectMsg<UnhandledMessage>());
        Assert.Equal(1, Sys.UnhandledMessageCount);
        Assert.Equal(0, Sys.DeadLetterCount);
    }
}
