using BenchmarkDotNet.Attributes;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Baselines;

namespace MachActors.Bench.Actors;

/// <summary>
/// One pair, one message in flight: the latency of a hop through the parallel dispatcher (mailbox
/// lock, scheduling CAS, thread-pool queue) against two async loops over two unbounded channels.
/// One operation = one one-way message.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    /// <summary>Round trips per invocation (each is two messages).</summary>
    public const int RoundTrips = 100_000;

    private const int Messages = 2 * RoundTrips;

    private ActorSystem? _system;
    private IActorRef? _pinger;
    private IActorRef? _ponger;

    [GlobalSetup(Target = nameof(Parallel))]
    public void SetUpParallel()
    {
        _system = ActorSystem.Create("pingpong", new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel });
        _pinger = _system.Spawn(Props.Create<Pinger>(), "pinger");
        _ponger = _system.Spawn(Props.Create<Ponger>(), "ponger");
        _system.RunUntilQuiescent();
    }

    [GlobalCleanup(Target = nameof(Parallel))]
    public void TearDownParallel() => _system?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task Channels() => ChannelPingPong.RunPair(RoundTrips, inFlight: 1);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Parallel()
    {
        var system = _system!;
        var before = system.TotalSteps;
        _pinger!.Tell(new Start(_ponger!, RoundTrips, InFlight: 1), null);
        Expect.Quiescent(system, system.RunUntilQuiescent(), before, steps: Messages + 1);
    }
}
