using BenchmarkDotNet.Attributes;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Baselines;

namespace MachActors.Bench.Actors;

/// <summary>
/// Controlled-dispatcher steps per second with trivial handlers: a ring of 1,000 actors with 100
/// tokens, the default <c>RandomStrategy</c>, decision recording on (as in real use), against a
/// single-threaded loop over <see cref="Queue{T}"/> mailboxes with a FIFO ready queue.
/// A fresh system per iteration keeps the decision log from growing across iterations.
/// Target: at least 10 M steps/s (&lt;= 100 ns per step). One operation = one delivery.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class ControlledRingBenchmarks
{
    public const int RingSize = 1_000;
    public const int Tokens = 100;

    /// <summary>Deliveries per invocation of ours (about 0.2 s at the target rate).</summary>
    public const int Steps = 2_000_000;

    /// <summary>Deliveries per invocation of the baseline (it is about 10x faster; keeps the iteration above 0.1 s).</summary>
    public const int BaselineHops = 20_000_000;

    private ActorSystem? _system;
    private QueueRing? _queueRing;

    [IterationSetup(Target = nameof(QueueRingBaseline))]
    public void SetUpBaseline() => _queueRing = new QueueRing(RingSize, Tokens);

    [IterationSetup(Target = nameof(Controlled))]
    public void SetUpRecording() => _system = CreateRing(record: true);

    [IterationSetup(Target = nameof(ControlledNoRecording))]
    public void SetUpNotRecording() => _system = CreateRing(record: false);

    [IterationCleanup(Targets = [nameof(Controlled), nameof(ControlledNoRecording)])]
    public void TearDown()
    {
        _system?.Dispose();
        _system = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BaselineHops)]
    public long QueueRingBaseline() => _queueRing!.Run(BaselineHops);

    /// <summary>As in real use: default strategy (random, seed 0), every decision recorded.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public long Controlled() => RunSteps();

    /// <summary>For reference: the same without the decision log, to show what recording costs.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public long ControlledNoRecording() => RunSteps();

    private long RunSteps()
    {
        var result = _system!.RunUntilQuiescent(maxSteps: Steps);
        if (result.Outcome != RunOutcome.StepLimitReached || result.Steps != Steps)
        {
            throw new InvalidOperationException($"ring run ended early: {result}");
        }
        return result.Steps;
    }

    /// <summary>A ring system ready to run (also the baseline of the kernel suites in bench/Kernel).</summary>
    internal static ActorSystem CreateRing(bool record)
    {
        var system = ActorSystem.Create("ring", new ActorSystemOptions { RecordDecisions = record });
        var nodes = new IActorRef[RingSize];
        var props = Props.Create<RingNode>();
        for (var i = 0; i < RingSize; i++) nodes[i] = system.Spawn(props);
        for (var i = 0; i < RingSize; i++) nodes[i].Tell(new SetNext(nodes[(i + 1) % RingSize]), null);
        system.RunUntilQuiescent();
        for (var t = 0; t < Tokens; t++) nodes[t * (RingSize / Tokens)].Tell(Token.Instance, null);
        return system;
    }
}
