namespace MachActors.Tests.Unit.Actors.Supervision;

public sealed class OneForOneStrategyTests : ActorTestBase
{
    private static readonly Duration Window = Duration.FromSeconds(1);

    private static SupervisorStrategy RestartAtMost(int retries) =>
        new OneForOneStrategy(retries, Window, _ => Directive.Restart);

    private (IActorRef Child, TestProbe Watcher) SpawnWatchedChild(SupervisorStrategy strategy)
    {
        var (_, child) = SpawnParentAndChild(strategy);
        return (child, WatchWithNewProbe(child));
    }

    [Fact]
    public void MaxRetries_OneMoreFailureInTheWindow_StopsTheChild()
    {
        var (child, watcher) = SpawnWatchedChild(RestartAtMost(2));

        child.Tell(new Boom());
        child.Tell(new Boom());
        watcher.ExpectNoMsg(Duration.FromMilliseconds(100));
        child.Tell(new Boom());

        watcher.ExpectTerminated(child);
        Assert.Equal(2, Probe.ReceiveN(9).OfType<HookCalled>().Count(h => h.Hook == Hook.PostRestart));
    }

    [Fact]
    public void MaxRetries_WindowHasPassed_AllowsRestartsAgain()
    {
        var (child, watcher) = SpawnWatchedChild(RestartAtMost(2));
        child.Tell(new Boom());
        child.Tell(new Boom());

        Sys.RunFor(Window + Duration.FromMilliseconds(1));
        child.Tell(new Boom());
        child.Tell(new Boom());

        watcher.ExpectNoMsg(Duration.FromMilliseconds(100));
        child.Tell(new Boom());
        watcher.ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetries_WindowNotYetPassed_CountsEarlierRestarts()
    {
        var (child, watcher) = SpawnWatchedChild(RestartAtMost(2));
        child.Tell(new Boom());
        child.Tell(new Boom());

        Sys.RunFor(Window - Duration.FromMilliseconds(1));
        child.Tell(new Boom());

        watcher.ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetries_Zero_StopsOnTheFirstFailure()
    {
        var (_, child) = SpawnParentAndChild(RestartAtMost(0));
        Watch(child);

        child.Tell(new Boom());

        ExpectHook("c", Hook.PostStop);
        ExpectTerminated(child);
    }

    [Fact]
    public async Task MaxRetries_Negative_RestartsWithoutLimit()
    {
        var (_, child) = SpawnParentAndChild(RestartAtMost(-1));

        for (var i = 0; i < 20; i++) child.Tell(new Boom());

        Assert.Equal(new Count(0), await child.Ask<Count>(new GetCount()));
        Assert.Equal(20, Sys.FailureCount);
    }

    [Fact]
    public async Task MaxRetries_ResumeDirective_IsNotCounted()
    {
        var (_, child) = SpawnParentAndChild(new OneForOneStrategy(1, Window, _ => Directive.Resume));
        child.Tell(new Increment());

        for (var i = 0; i < 5; i++) child.Tell(new Boom());

        Assert.Equal(new Count(1), await child.Ask<Count>(new GetCount()));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneForOneStrategy(1, Duration.Zero, _ => Directive.Restart));
        Assert.Throws<ArgumentNullException>(() => new OneForOneStrategy(1, Window, null!));
        var unlimited = new OneForOneStrategy(_ => Directive.Stop);
        Assert.Equal(-1, unlimited.MaxNrOfRetries);
        Assert.Equal(Duration.Infinite, unlimited.WithinTimeRange);
    }
}
