using MachActors.Actors;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Tracing;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>
/// A minimal systematic tester on the controlled dispatcher (the full engine comes with the
/// exploration issue). A scenario sets up actors on a fresh system, runs it, and returns a
/// violation message from its final check, or null. Any actor failure (a thrown
/// <see cref="SafetyViolation"/>, or any other exception) also counts as a violation.
/// </summary>
public static class Exploration
{
    /// <summary>
    /// Runs <paramref name="scenario"/> once under <paramref name="strategy"/>, then terminates the
    /// system. The trace covers the whole run, termination included; the schedule covers the run
    /// (termination runs in a fixed order outside it), so a replay consumes every recorded decision.
    /// </summary>
    public static Iteration RunOnce(Func<ActorSystem, string?> scenario, ISchedulingStrategy strategy, int index = 0)
    {
        var sink = new InMemoryTraceSink();
        using var system = ActorSystem.Create("explore", new ActorSystemOptions { Strategy = strategy, Trace = sink });
        var verdict = scenario(system);
        system.Terminate();
        var fault = sink.OfKind(TraceKind.Fault).Select(e => e.Text).FirstOrDefault();
        return new Iteration(index, strategy.Seed, fault ?? verdict, system.RecordedSchedule(), sink.Lines());
    }

    /// <summary>
    /// Runs iterations 0..<paramref name="iterations"/>-1; iteration i runs under
    /// <paramref name="strategyFor"/>(Derive(<paramref name="runSeed"/>, i)), so any single iteration
    /// can be rerun alone. Stops at the first violation.
    /// </summary>
    public static SweepResult Sweep(
        Func<ActorSystem, string?> scenario, int iterations, ulong runSeed, Func<ulong, ISchedulingStrategy> strategyFor)
    {
        for (var i = 0; i < iterations; i++)
        {
            var seed = DeterministicRandom.Derive(runSeed, (ulong)i);
            var run = RunOnce(scenario, strategyFor(seed), i);
            if (run.Violation is not null) return new SweepResult(run, i + 1);
        }
        return new SweepResult(null, iterations);
    }

    /// <summary>Reruns <paramref name="scenario"/> on a fresh system that replays <paramref name="recorded"/>'s schedule.</summary>
    public static (Iteration Run, ReplayStrategy Strategy) Replay(Func<ActorSystem, string?> scenario, Iteration recorded)
    {
        var replay = new ReplayStrategy(recorded.Schedule);
        return (RunOnce(scenario, replay, recorded.Index), replay);
    }
}
