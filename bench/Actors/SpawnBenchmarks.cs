using BenchmarkDotNet.Attributes;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Baselines;

namespace MachActors.Bench.Actors;

/// <summary>
/// Time to spawn idle actors and run each one's first turn (construction + PreStart) to quiescence,
/// on both dispatchers, against an idle channel-backed "actor" (a channel plus a parked async
/// receive loop). Target: 1 M actors in &lt;= 1 s, i.e. &lt;= 1 us per actor. One operation = one actor.
/// The Allocated column is allocated bytes; retained bytes per idle actor come from the
/// <c>footprint</c> mode (see Program).
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class SpawnBenchmarks
{
    /// <summary>Actors per invocation.</summary>
    public const int Count = 100_000;

    private readonly IActorRef[] _refs = new IActorRef[Count];
    private readonly Props _props = Props.Create<IdleActor>();
    private readonly List<ActorSystem> _kept = [];
    private ActorSystem? _system;
    private ChannelIdleActors? _channels;

    [IterationSetup(Target = nameof(ChannelActors))]
    public void SetUpChannels() => _channels = new ChannelIdleActors(Count);

    [IterationCleanup(Target = nameof(ChannelActors))]
    public void TearDownChannels() => _channels?.StopAll();

    [IterationSetup(Target = nameof(Parallel))]
    public void SetUpParallel() => _system = ActorSystem.Create("spawn", new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel });

    [IterationSetup(Target = nameof(Controlled))]
    public void SetUpControlled() => _system = ActorSystem.Create("spawn", new ActorSystemOptions());

    /// <summary>
    /// Keeps the system (no Terminate: its actors are idle and Terminate is not what is measured).
    /// Every system stays reachable until the class is done: pool threads keep a reference to the
    /// last parallel system they served, so a dropped system would otherwise be freed, and collected,
    /// in the middle of a later measured iteration.
    /// </summary>
    [IterationCleanup(Targets = [nameof(Parallel), nameof(Controlled)])]
    public void TearDownSystem()
    {
        if (_system is not null) _kept.Add(_system);
        _system = null;
        Array.Clear(_refs);
    }

    [GlobalCleanup(Targets = [nameof(Parallel), nameof(Controlled)])]
    public void ReleaseSystems() => _kept.Clear();

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void ChannelActors() => _channels!.SpawnAll();

    [Benchmark(OperationsPerInvoke = Count)]
    public void Parallel() => SpawnAll();

    [Benchmark(OperationsPerInvoke = Count)]
    public void Controlled() => SpawnAll();

    private void SpawnAll()
    {
        var system = _system!;
        var before = system.TotalSteps;
        for (var i = 0; i < Count; i++) _refs[i] = system.Spawn(_props);
        Expect.Quiescent(system, system.RunUntilQuiescent(), before, steps: Count);
    }
}
