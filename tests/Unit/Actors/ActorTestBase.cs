namespace MachActors.Tests.Unit.Actors;

/// <summary>
/// Base of the unit tests: our TestKit (a fresh controlled system with seed 1 per test, and the
/// default probe <see cref="TestKit.TestActor"/>) plus the scaffolding the tests share.
/// </summary>
public abstract class ActorTestBase(ActorSystemOptions? options = null) : global::MachActors.Actors.TestKit.TestKit(options)
{
    /// <summary>Options for a system on <paramref name="kind"/> with seed 1.</summary>
    public static ActorSystemOptions OptionsFor(DispatcherKind kind) => new() { Dispatcher = kind, Seed = 1 };

    /// <summary>A new probe that receives every event of type <typeparamref name="T"/> published from now on.</summary>
    public TestProbe SubscribeProbe<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    /// <summary>Spawns a top-level <see cref="ReportingActor"/> that reports to <see cref="TestKit.TestActor"/>.</summary>
    public IActorRef SpawnReporter(string tag, string? name = null) => Sys.Spawn(ReportingActor.Props(TestActor, tag), name);

    /// <summary>Spawns a top-level <see cref="LambdaActor"/>.</summary>
    public IActorRef SpawnLambda(Action<LambdaActor, object> receive, string? name = null) =>
        Sys.Spawn(LambdaActor.Props(receive), name);

    /// <summary>Has the <see cref="ReportingActor"/> <paramref name="parent"/> spawn a reporting child, and returns it.</summary>
    public IActorRef SpawnChildOf(IActorRef parent, string tag, string? name = null, SupervisorStrategy? strategy = null) =>
        parent.Ask<ChildSpawned>(new SpawnChild(tag, name, strategy)).GetAwaiter().GetResult().Child;

    /// <summary>
    /// Spawns the reporting parent "p" (supervising with <paramref name="strategy"/>, default when null)
    /// and its reporting child "c", and takes their two PreStart reports off the default probe.
    /// </summary>
    public (IActorRef Parent, IActorRef Child) SpawnParentAndChild(SupervisorStrategy? strategy = null)
    {
        var props = ReportingActor.Props(TestActor, "p");
        var parent = Sys.Spawn(strategy is null ? props : props.WithSupervisorStrategy(strategy), "p");
        var child = SpawnChildOf(parent, "c", "c");
        ExpectHook("p", Hook.PreStart);
        ExpectHook("c", Hook.PreStart);
        return (parent, child);
    }

    /// <summary>A one-for-one strategy that answers <paramref name="directive"/> to every failure, without limits.</summary>
    public static SupervisorStrategy Always(Directive directive) => new OneForOneStrategy(_ => directive);

    /// <summary>Expects the <see cref="HookCalled"/> of <paramref name="hook"/> for <paramref name="tag"/> (any detail).</summary>
    public HookCalled ExpectHook(string tag, Hook hook, TestProbe? probe = null) =>
        (probe ?? Probe).ExpectMsg<HookCalled>(h => h.Tag == tag && h.Hook == hook, hint: $"({tag} {hook})");

    /// <summary>A new probe watching <paramref name="actor"/> (so its Terminated does not mix with the default probe's mail).</summary>
    public TestProbe WatchWithNewProbe(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        return watcher;
    }

    /// <summary>Stops <paramref name="actor"/> from host code and waits (in virtual time) for its Terminated.</summary>
    public IActorRef StopAndWait(IActorRef actor)
    {
        var watcher = WatchWithNewProbe(actor);
        Sys.Stop(actor);
        watcher.ExpectTerminated(actor);
        return actor;
    }

    /// <summary>Delivers everything due at the current instant, without advancing the clock.</summary>
    public RunResult Settle() => Sys.RunUntilIdle();
}

/// <summary>A TestKit made inside a test (for theories over options); dispose it at the end of the test.</summary>
public sealed class Kit(ActorSystemOptions options) : ActorTestBase(options)
{
    /// <summary>A kit on <paramref name="kind"/> with seed 1.</summary>
    public Kit(DispatcherKind kind) : this(OptionsFor(kind)) { }
}
