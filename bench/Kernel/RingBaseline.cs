using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Actors;

namespace MachActors.Bench.Kernel;

/// <summary>
/// The runtime's own controlled-dispatcher step rate, the baseline of the kernel suites: the ring
/// of <see cref="ControlledRingBenchmarks"/> (1,000 trivial actors, 100 tokens, random strategy,
/// decision recording on), <see cref="Steps"/> deliveries per invocation on a fresh system.
/// </summary>
public sealed class RingBaseline
{
    /// <summary>Deliveries per invocation (about 80 ms at 40 ns per step).</summary>
    public const int Steps = 2_000_000;

    private ActorSystem? _system;

    /// <summary>A fresh ring (not measured).</summary>
    public void Prepare()
    {
        _system?.Dispose();
        _system = ControlledRingBenchmarks.CreateRing(record: true);
    }

    /// <summary>Runs exactly <see cref="Steps"/> deliveries; throws if the ring stopped early.</summary>
    public long Run()
    {
        var result = _system!.RunUntilQuiescent(maxSteps: Steps);
        if (result.Outcome != RunOutcome.StepLimitReached || result.Steps != Steps)
        {
            throw new InvalidOperationException($"ring run ended early: {result}");
        }
        return result.Steps;
    }

    /// <summary>Disposes the ring's system.</summary>
    public void Release()
    {
        _system?.Dispose();
        _system = null;
    }
}
