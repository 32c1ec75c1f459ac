namespace MachActors.Tests.Unit.Actors.Supervision;

public sealed class DefaultStrategyTests : ActorTestBase
{
    [Theory]
    [InlineData(nameof(ActorInitializationException), Directive.Stop)]
    [InlineData(nameof(ActorKilledException), Directive.Stop)]
    [InlineData(nameof(DeathPactException), Directive.Stop)]
    [InlineData(nameof(InvalidOperationException), Directive.Restart)]
    [InlineData(nameof(TestException), Directive.Restart)]
    public void DefaultDecider_ExceptionType_GivesAkkaDirective(string exceptionType, Directive expected)
    {
        Exception cause = exceptionType switch
        {
            nameof(ActorInitializationException) => new ActorInitializationException("x"),
            nameof(ActorKilledException) => new ActorKilledException("x"),
            nameof(DeathPactException) => new DeathPactException(Sys.DeadLetters),
            nameof(InvalidOperationException) => new InvalidOperationException("x"),
            _ => new TestException("x"),
        };

        Assert.Equal(expected, SupervisorStrategy.DefaultDecider(cause));
    }

    [Fact]
    public async Task Default_OrdinaryException_RestartsWithFreshState()
    {
        var (_, child) = SpawnParentAndChild();
        child.Tell(new Increment());

        child.Tell(new Boom());

        ExpectHook("c", Hook.PreRestart);
        Assert.Equal(new Count(0), await child.Ask<Count>(new GetCount()));
    }

    [Fact]
    public void Default_ExceptionInPreStart_StopsWithActorInitializationException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = Sys.Spawn(LambdaActor.WithHooks(preStart: _ => throw new TestException("in PreStart")));
        Watch(a);

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.IsType<ActorInitializationException>(failed.Cause);
        Assert.Equal("in PreStart", failed.Cause.InnerException?.Message);
        ExpectTerminated(a);
    }

    [Fact]
    public void Default_ExceptionInPreStartOnRestart_StopsWithActorInitializationException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var instances = 0;
        var a = Sys.Spawn(Props.Create(() => new LambdaActor((_, m) => throw new TestException("handler"))
        {
            OnPreStart = _ =>
            {
                if (++instances > 1) throw new TestException("second PreStart");
            },
        }));
        Watch(a);

        a.Tell(new Boom());

        Assert.IsType<TestException>(failures.ExpectMsg<ActorFailed>().Cause);
        var restart = failures.ExpectMsg<ActorFailed>();
        Assert.IsType<ActorInitializationException>(restart.Cause);
        Assert.Equal("second PreStart", restart.Cause.InnerException?.Message);
        ExpectTerminated(a);
    }

    [Fact]
    public void Default_ActorKilledException_Stops()
    {
        var (_, child) = SpawnParentAndChild();

        child.Tell(Kill.Instance);

        ExpectMsg(new HookCalled("c", Hook.PostStop)); // no PreRestart first
    }

    [Fact]
    public void Failures_EachOne_IsPublishedAsActorFailedAndCounted()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var a = SpawnReporter("a");

        a.Tell(new Boom("1"));
        a.Tell(new Boom("2"));
        a.Tell(new Boom("3"));

        var seen = failures.ReceiveN(3).Cast<ActorFailed>().ToList();
        Assert.Equal(["1", "2", "3"], seen.Select(f => f.Cause.Message));
        Assert.All(seen, f => Assert.Equal(a, f.Actor));
        Assert.Equal(new Boom("2"), seen[1].Message);
        Assert.Equal(3, Sys.FailureCount);
    }
}
