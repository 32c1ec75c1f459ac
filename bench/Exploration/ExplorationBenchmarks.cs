using BenchmarkDotNet.Attributes;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Scenarios;

namespace MachActors.Bench.Exploration;

/// <summary>
/// Exploration speed (issue 6): iterations per second of a machine scenario under random and PCT on 2
/// worker threads, beside the baseline: the same engine running iterations of a ring of trivial actors
/// of the same step count. The standard pager scenario is <c>vm-pager-stamps</c> (two threads stamp and
/// read back 32 pages of an external pager's object: about 850 steps); <c>vm-pageout-refault</c> (40
/// whole pages paged out and back on 48 frames, about 2,270 steps) is the heavy one. Every invocation
/// is checked: all iterations ran, no bug, none at a bound, each took at least the scenario's known
/// steps. One operation = one iteration. Target: >= 1,000 iterations/s on 2 cores for the standard one.
/// This is the steady state of a long exploration: the global setup first runs
/// <see cref="WarmUpIterations"/> iterations of each benchmark's work, so the JIT has finished
/// re-compiling the hot code (a fresh process needs a few thousand iterations for that; the cold
/// command line, start to end, is <see cref="ExploreCommandBenchmarks"/>).
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class ExplorationBenchmarks
{
    /// <summary>Iterations per invocation.</summary>
    public const int Iterations = 200;

    /// <summary>Iterations of each strategy (and of the ring) run before measuring.</summary>
    public const int WarmUpIterations = 3_000;

    [Params("vm-pager-stamps", "vm-pageout-refault")]
    public string Scenario { get; set; } = "vm-pager-stamps";

    /// <summary>The fewest steps a correct iteration of the scenario takes (checked), and the ring's steps.</summary>
    private long Steps => Scenario == "vm-pager-stamps" ? 840 : 2_000;

    /// <summary>Runs every benchmark's work <see cref="WarmUpIterations"/> times (checked like a measured invocation), so the measurement sees optimized code.</summary>
    [GlobalSetup]
    public void WarmUp()
    {
        Explore(new RingScenario(Steps), "random", Steps, WarmUpIterations);
        Explore(ScenarioCatalog.Find(Scenario)!, "random", Steps, WarmUpIterations);
        Explore(ScenarioCatalog.Find(Scenario)!, "pct", Steps, WarmUpIterations);
    }

    private ExplorationReport Explore(Scenario scenario, string strategy, long minSteps, int iterations = Iterations)
    {
        var report = Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, StepEstimate = 300 }),
            new ExplorationOptions { Iterations = iterations, Seed = 1, Parallelism = 2, MaxSteps = 100_000 });
        if (report.Iterations != iterations || report.Bugs.Count > 0 || report.BoundReached > 0 || report.MinSteps < minSteps)
        {
            throw new InvalidOperationException($"{scenario.Name}: {report.Iterations} iterations, {report.Bugs.Count} bugs, {report.BoundReached} bound, min {report.MinSteps} steps");
        }
        return report;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations)]
    public long RingBaseline() => Explore(new RingScenario(Steps), "random", Steps).TotalSteps;

    [Benchmark(OperationsPerInvoke = Iterations)]
    public long Random() => Explore(ScenarioCatalog.Find(Scenario)!, "random", Steps).TotalSteps;

    [Benchmark(OperationsPerInvoke = Iterations)]
    public long Pct() => Explore(ScenarioCatalog.Find(Scenario)!, "pct", Steps).TotalSteps;
}
