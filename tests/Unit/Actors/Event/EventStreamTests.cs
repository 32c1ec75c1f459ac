namespace MachActors.Tests.Unit.Actors.Event;

public sealed class EventStreamTests : ActorTestBase
{
    private sealed record Animal(string Name);

    [Fact]
    public void Publish_SubscribedType_DeliveredToEverySubscriberOfAMatchingType()
    {
        var exact = CreateTestProbe();
        var general = CreateTestProbe();
        var other = CreateTestProbe();
        Sys.EventStream.Subscribe(exact.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(general.Ref, typeof(object));
        Sys.EventStream.Subscribe(other.Ref, typeof(string));

        Sys.EventStream.Publish(new Animal("cat"));

        exact.ExpectMsg(new Animal("cat"));
        general.ExpectMsg(new Animal("cat"));
        other.ExpectNoMsg(Duration.Zero);
    }

    [Fact]
    public void Subscribe_SameSubscriptionTwice_ReturnsFalseAndDeliversOnce()
    {
        var p = CreateTestProbe();

        Assert.True(Sys.EventStream.Subscribe(p.Ref, typeof(Animal)));
        Assert.False(Sys.EventStream.Subscribe(p.Ref, typeof(Animal)));
        Sys.EventStream.Publish(new Animal("dog"));

        p.ExpectMsg(new Animal("dog"));
        p.ExpectNoMsg(Duration.Zero);
    }

    [Fact]
    public void Unsubscribe_OneTypeOrAll_StopsDelivery()
    {
        var p = CreateTestProbe();
        Sys.EventStream.Subscribe(p.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(p.Ref, typeof(string));

        Assert.True(Sys.EventStream.Unsubscribe(p.Ref, typeof(Animal)));
        Sys.EventStream.Publish(new Animal("cow"));
        Sys.EventStream.Publish("text");
        p.ExpectMsg("text");

        Assert.True(Sys.EventStream.Unsubscribe(p.Ref));
        Assert.False(Sys.EventStream.Unsubscribe(p.Ref));
        Sys.EventStream.Publish("more");
        p.ExpectNoMsg(Duration.Zero);
        Assert.False(Sys.EventStream.HasSubscribers);
    }

    [Fact]
    public void Subscriber_Stops_IsUnsubscribed()
    {
        var p = CreateTestProbe();
        Sys.EventStream.Subscribe(p.Ref, typeof(DeadLetter));
        StopAndWait(p.Ref);

        Assert.False(Sys.EventStream.HasSubscribers);
        Sys.DeadLetters.Tell("x");
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void DeadLetter_ToADeadSubscriber_IsCountedButNotRepublished()
    {
        // A subscriber that stopped without being unsubscribed yet must not make dead letters loop.
        var p = CreateTestProbe();
        StopAndWait(p.Ref);
        Sys.EventStream.Subscribe(p.Ref, typeof(DeadLetter)); // subscribed after it stopped: never unsubscribed

        Sys.DeadLetters.Tell("x");
        Settle();

        Assert.Equal(2, Sys.DeadLetterCount); // "x", then the DeadLetter event told to the dead probe
    }

    [Fact]
    public void Publish_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Sys.EventStream.Publish(null!));
        Assert.Throws<ArgumentNullException>(() => Sys.EventStream.Subscribe(TestActor, null!));
    }
}
