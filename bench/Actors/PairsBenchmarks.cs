using BenchmarkDotNet.Attributes;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Baselines;

namespace MachActors.Bench.Actors;

/// <summary>
/// Throughput with batching: 64 independent pairs, 100 messages in flight per pair, on the parallel
/// dispatcher, against 64 pairs of tasks over unbounded channels with the same in-flight count.
/// Target: ours at least 50% of the baseline's throughput (ratio &lt;= 2.0). One operation = one message.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class PairsBenchmarks
{
    public const int Pairs = 64;
    public const int InFlight = 100;
    public const int RoundTripsPerPair = 20_000;

    private const int Messages = 2 * Pairs * RoundTripsPerPair;

    private ActorSystem? _system;
    private readonly IActorRef[] _pingers = new IActorRef[Pairs];
    private readonly IActorRef[] _pongers = new IActorRef[Pairs];

    [GlobalSetup(Target = nameof(Parallel))]
    public void SetUpParallel()
    {
        _system = ActorSystem.Create("pairs", new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel });
        for (var p = 0; p < Pairs; p++)
        {
            _pingers[p] = _system.Spawn(Props.Create<Pinger>());
            _pongers[p] = _system.Spawn(Props.Create<Ponger>());
        }
        _system.RunUntilQuiescent();
    }

    [GlobalCleanup(Target = nameof(Parallel))]
    public void TearDownParallel() => _system?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task Channels() => ChannelPingPong.RunPairs(Pairs, RoundTripsPerPair, InFlight);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Parallel()
    {
        var system = _system!;
        var before = system.TotalSteps;
        for (var p = 0; p < Pairs; p++) _pingers[p].Tell(new Start(_pongers[p], RoundTripsPerPair, InFlight), null);
        Expect.Quiescent(system, system.RunUntilQuiescent(), before, steps: Messages + Pairs);
    }
}
