using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class StrategyContractTests
{
    [Fact]
    public void NextActor_ActorWithNoMail_RunThrowsSchedulingExceptionNamingIt()
    {
        var strategy = new SabotagingStrategy(1);
        var sys = ActorSystem.Create("bad", new ActorSystemOptions { Strategy = strategy });
        var idle = sys.Spawn(Props.Create<EchoActor>(), "idle");
        var busy = sys.Spawn(Props.Create<EchoActor>(), "busy");
        sys.RunUntilQuiescent();
        busy.Tell("work");
        strategy.Sabotage = idle.Id;

        var e = Assert.Throws<SchedulingException>(() => sys.RunUntilQuiescent());

        Assert.Contains(idle.Id.ToString(), e.Message);
        Assert.Contains("/user/idle", e.Message);
        Assert.Contains("has no work", e.Message);
        Assert.Contains("sabotaging(seed=1)", e.Message);
        Assert.Contains(busy.Id.ToString(), e.Message); // the ready set
        sys.Terminate(); // the strategy behaves again: the system can still be shut down
        Assert.True(sys.IsTerminated);
    }

    [Fact]
    public void NextActor_UnknownActorId_RunThrowsSchedulingException()
    {
        var strategy = new SabotagingStrategy(1);
        var sys = ActorSystem.Create("bad", new ActorSystemOptions { Strategy = strategy });
        sys.Spawn(Props.Create<EchoActor>()).Tell("work");
        strategy.Sabotage = new ActorId(999);

        var e = Assert.Throws<SchedulingException>(() => sys.RunUntilQuiescent());

        Assert.Contains("#999", e.Message);
        sys.Terminate();
    }

    [Fact]
    public void NextActor_HighestIdFirst_FollowsThatOrder()
    {
        var order = new List<string>();
        using var sys = ActorSystem.Create("order", new ActorSystemOptions { Strategy = new HighestIdFirstStrategy() });
        var first = sys.Spawn(LambdaActor.Props((_, m) => order.Add("first:" + m)));
        var second = sys.Spawn(LambdaActor.Props((_, m) => order.Add("second:" + m)));
        first.Tell("a");
        second.Tell("b");

        sys.RunUntilQuiescent();

        Assert.Equal(["second:b", "first:a"], order);
    }
}
