using BenchmarkDotNet.Attributes;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Scenarios.Vm;

namespace MachActors.Bench.Exploration;

/// <summary>
/// Exploration speed (issue 6): iterations per second of the standard pager scenario,
/// <c>vm-pageout-refault</c> (a whole machine per iteration: 40 pages of an external pager's object
/// paged out and faulted back on 48 frames, about 2,100 steps), under random and PCT on 2 worker
/// threads, beside the baseline: the same engine running iterations of a ring of trivial actors of
/// the same step count. Every invocation is checked: all iterations ran, no bug, and the machine
/// iterations took their known steps. One operation = one iteration. Target: >= 1,000 iterations/s
/// on 2 cores.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class ExplorationBenchmarks
{
    /// <summary>Iterations per invocation.</summary>
    public const int Iterations = 40;

    /// <summary>Steps of one vm-pageout-refault iteration (checked).</summary>
    public const long ScenarioSteps = 2_100;

    private static readonly PageoutRefaultScenario Pager = new();

    private static ExplorationReport Explore(Scenario scenario, string strategy, long minSteps)
    {
        var report = Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy, StepEstimate = 600 }),
            new ExplorationOptions { Iterations = Iterations, Seed = 1, Parallelism = 2, MaxSteps = 100_000 });
        if (report.Iterations != Iterations || report.Bugs.Count > 0 || report.BoundReached > 0 || report.MinSteps < minSteps)
        {
            throw new InvalidOperationException($"{scenario.Name}: {report.Iterations} iterations, {report.Bugs.Count} bugs, {report.BoundReached} bound, min {report.MinSteps} steps");
        }
        return report;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations)]
    public long RingBaseline() => Explore(new RingScenario(ScenarioSteps), "random", ScenarioSteps).TotalSteps;

    [Benchmark(OperationsPerInvoke = Iterations)]
    public long PageoutRefault_Random() => Explore(Pager, "random", 2_000).TotalSteps;

    [Benchmark(OperationsPerInvoke = Iterations)]
    public long PageoutRefault_Pct() => Explore(Pager, "pct", 2_000).TotalSteps;
}
