using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MachActors.Bench;

/// <summary>
/// The suite's job: one launch, 3 warm-up and 5 measured iterations, so that every benchmark
/// finishes in seconds and the whole suite in minutes. Adds an operations-per-second column
/// (one operation = one message, step or spawned actor, via OperationsPerInvoke).
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5));
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
