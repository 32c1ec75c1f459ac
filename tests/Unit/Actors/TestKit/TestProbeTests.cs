namespace MachActors.Tests.Unit.Actors.TestKit;

public sealed class TestProbeTests : ActorTestBase
{
    private static Duration Ms(long n) => Duration.FromMilliseconds(n);

    [Fact]
    public void ExpectMsg_NothingArrives_ThrowsNamingTheTypeAfterExactlyTheTimeout()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<Pong>(Ms(100)));

        Assert.Contains("timeout (100ms)", e.Message);
        Assert.Contains("of type Pong", e.Message);
        Assert.Contains("/system/testActor", e.Message);
        Assert.Equal(VirtualTime.Zero + Ms(100), Now);
    }

    [Fact]
    public void ExpectMsg_OtherTypeArrives_ThrowsNamingBoth()
    {
        TestActor.Tell("text");

        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<Pong>());

        Assert.Contains("expected a message of type Pong but got String", e.Message);
    }

    [Fact]
    public void ExpectMsg_PredicateFalse_Throws()
    {
        TestActor.Tell(new Pong(1));

        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<Pong>(p => p.N == 2));

        Assert.Contains("does not satisfy the predicate", e.Message);
    }

    [Fact]
    public void ExpectMsg_Value_ComparesByValue()
    {
        TestActor.Tell(new Pong(1));
        TestActor.Tell(new Pong(1));

        Assert.Equal(new Pong(1), ExpectMsg(new Pong(1)));
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg(new Pong(2)));
        Assert.Contains("expected Pong { N = 2 } but got Pong Pong { N = 1 }", e.Message);
    }

    [Fact]
    public void ExpectNoMsg_MessageAlreadyWaiting_Throws()
    {
        TestActor.Tell("surprise");

        var e = Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(Ms(10)));

        Assert.Contains("expected no message within 10ms", e.Message);
    }

    [Fact]
    public void ExpectNoMsg_MessageArrivesWithinTheWindow_Throws()
    {
        Sys.ScheduleTellOnce(Ms(50), TestActor, "late");

        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(Ms(100)));
        Assert.Equal(VirtualTime.Zero + Ms(50), Now);
    }

    [Fact]
    public void ExpectNoMsg_Quiet_AdvancesTheClockByTheDuration()
    {
        Sys.ScheduleTellOnce(Ms(150), TestActor, "after the window");

        ExpectNoMsg(Ms(100));

        Assert.Equal(VirtualTime.Zero + Ms(100), Now);
        ExpectMsg("after the window");
    }

    [Fact]
    public void FishForMessage_SkipsUntilTheOne()
    {
        foreach (var n in new[] { 1, 2, 3, 4 }) TestActor.Tell(new Pong(n));

        Assert.Equal(new Pong(3), FishForMessage(m => m is Pong { N: 3 }));
        ExpectMsg(new Pong(4));
    }

    [Fact]
    public void FishForMessage_NeverTheOne_ThrowsListingTheSkipped()
    {
        TestActor.Tell(new Pong(1));

        var e = Assert.Throws<TestKitAssertionException>(() => Probe.FishForMessage<Ping>(_ => true, Ms(10)));

        Assert.Contains("skipped [Pong { N = 1 }]", e.Message);
    }

    [Fact]
    public void ReceiveN_ReturnsThatManyInOrderOrThrows()
    {
        foreach (var n in new[] { 1, 2, 3 }) TestActor.Tell(n);

        Assert.Equal([1, 2], Probe.ReceiveN(2));
        var e = Assert.Throws<TestKitAssertionException>(() => Probe.ReceiveN(2, Ms(10)));
        Assert.Contains("received 1 of 2", e.Message);
    }

    [Fact]
    public void ExpectMsgAllOf_AnyOrder_Passes()
    {
        foreach (var n in new[] { 3, 1, 2 }) TestActor.Tell(n);

        var got = Probe.ExpectMsgAllOf([1, 2, 3]);

        Assert.Equal([3, 1, 2], got);
    }

    [Fact]
    public void ExpectMsgAllOf_UnexpectedOrMissing_Throws()
    {
        TestActor.Tell(1);
        TestActor.Tell(9);

        var unexpected = Assert.Throws<TestKitAssertionException>(() => Probe.ExpectMsgAllOf([1, 2]));
        Assert.Contains("unexpected Int32 9", unexpected.Message);

        TestActor.Tell(1);
        var missing = Assert.Throws<TestKitAssertionException>(() => Probe.ExpectMsgAllOf([1, 2], Ms(10)));
        Assert.Contains("waiting for [2]", missing.Message);
    }

    [Fact]
    public void ExpectTerminated_WatchedActorStops_ReturnsItsTerminated()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        Watch(a);

        Sys.Stop(a);

        Assert.Equal(a, ExpectTerminated(a).ActorRef);
    }

    [Fact]
    public void ExpectTerminated_OtherActorStops_Throws()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        var b = Sys.Spawn(Props.Create<EchoActor>());
        Watch(b);

        Sys.Stop(b);

        Assert.Throws<TestKitAssertionException>(() => ExpectTerminated(a));
    }

    [Fact]
    public void Reply_GoesToTheLastSender()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        echo.Tell("hello", TestActor); // echo -> TestActor
        ExpectMsg("hello");

        Probe.Reply("back"); // TestActor -> echo -> TestActor

        Assert.Equal("back", ExpectMsg<string>());
        Assert.Equal(echo, Probe.LastSender);
    }

    [Fact]
    public void ReplyAndForward_BeforeAnyMessage_Throw()
    {
        Assert.Throws<TestKitAssertionException>(() => Probe.Reply("x"));
        Assert.Throws<TestKitAssertionException>(() => Probe.Forward(TestActor));
    }

    [Fact]
    public void Forward_KeepsTheOriginalSender()
    {
        var relay = CreateTestProbe("relay");
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        relay.Send(echo, "ping"); // echo replies to relay
        relay.ExpectMsg("ping");

        relay.Forward(TestActor);

        ExpectMsg("ping");
        Assert.Equal(echo, Probe.LastSender);
    }

    [Fact]
    public void DefaultTimeout_Changed_IsUsedByExpectations()
    {
        Probe.DefaultTimeout = Ms(20);

        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>());

        Assert.Equal(VirtualTime.Zero + Ms(20), Now);
    }

    [Fact]
    public void PendingCountAndLastMessage_TrackTheQueue()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");
        Settle();
        Assert.Equal(2, Probe.PendingCount);

        ExpectMsg("a");

        Assert.Equal(1, Probe.PendingCount);
        Assert.Equal("a", Probe.LastMessage?.Message);
        Assert.Equal(Sys.DeadLetters, Probe.LastSender);
    }

    [Fact]
    public void CreateTestProbe_Names_AreNumberedOrGiven()
    {
        Assert.Equal("/system/testProbe-1", CreateTestProbe().Ref.Path.ToString());
        Assert.Equal("/system/testProbe-2", CreateTestProbe().Ref.Path.ToString());
        Assert.Equal("/system/mine", CreateTestProbe("mine").Ref.Path.ToString());
    }
}
