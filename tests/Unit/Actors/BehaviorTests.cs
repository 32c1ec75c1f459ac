namespace MachActors.Tests.Unit.Actors;

public sealed class BehaviorTests : ActorTestBase
{
    /// <summary>
    /// Reports Received(name of the current behaviour, message). "become X" replaces the current
    /// behaviour with X, "push X" stacks X, "pop" unbecomes; Boom throws. Behaviour "base" is OnReceive.
    /// </summary>
    private IActorRef SpawnSwitcher() => SpawnLambda((self, m) => Handle(self, "base", m));

    private void Handle(LambdaActor self, string behavior, object message)
    {
        switch (message)
        {
            case string s when s.StartsWith("become ", StringComparison.Ordinal):
                self.Context.Become(m => Handle(self, s[7..], m));
                break;
            case string s when s.StartsWith("push ", StringComparison.Ordinal):
                self.Context.BecomeStacked(m => Handle(self, s[5..], m));
                break;
            case "pop":
                self.Context.Unbecome();
                break;
            case Boom b:
                throw new TestException(b.Reason);
            case "ignored":
                self.Unhandled(message);
                break;
            default:
                TestActor.Tell(new Received(behavior, message), self.Self);
                break;
        }
    }

    [Fact]
    public void Become_NewBehaviour_HandlesTheNextMessages()
    {
        var a = SpawnSwitcher();

        a.Tell("x");
        a.Tell("become B");
        a.Tell("y");
        a.Tell("z");

        ExpectMsg(new Received("base", "x"));
        ExpectMsg(new Received("B", "y"));
        ExpectMsg(new Received("B", "z"));
    }

    [Fact]
    public void BecomeStacked_ThenUnbecome_ReturnsToEachPreviousBehaviour()
    {
        var a = SpawnSwitcher();

        foreach (var m in new[] { "push B", "push C", "1", "pop", "2", "pop", "3", "pop", "4" }) a.Tell(m);

        ExpectMsg(new Received("C", "1"));
        ExpectMsg(new Received("B", "2"));
        ExpectMsg(new Received("base", "3"));
        ExpectMsg(new Received("base", "4")); // Unbecome at the bottom is a no-op
    }

    [Fact]
    public void Become_OnStackedBehaviour_ReplacesOnlyTheTop()
    {
        var a = SpawnSwitcher();

        foreach (var m in new[] { "push B", "become C", "1", "pop", "2" }) a.Tell(m);

        ExpectMsg(new Received("C", "1"));
        ExpectMsg(new Received("base", "2"));
    }

    [Fact]
    public void Restart_AfterBecome_FreshInstanceStartsWithOnReceive()
    {
        var a = SpawnSwitcher();

        foreach (var m in new object[] { "push B", "1", new Boom(), "2" }) a.Tell(m);

        ExpectMsg(new Received("B", "1"));
        ExpectMsg(new Received("base", "2"));
    }

    [Fact]
    public void Unhandled_InABehaviour_PublishesUnhandledMessage()
    {
        var unhandled = SubscribeProbe<UnhandledMessage>();
        var a = SpawnSwitcher();

        a.Tell("push B");
        a.Tell("ignored", TestActor);

        var u = unhandled.ExpectMsg<UnhandledMessage>();
        Assert.Equal(("ignored", TestActor, a), (u.Message, u.Sender, u.Recipient));
        Assert.Equal(1, Sys.UnhandledMessageCount);
    }

    [Fact]
    public void Become_Null_FailsTheActorWithArgumentNullException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = SpawnLambda((self, _) => self.Context.Become(null!));

        a.Tell("go");

        Assert.IsType<ArgumentNullException>(failures.ExpectMsg<ActorFailed>().Cause);
    }
}
