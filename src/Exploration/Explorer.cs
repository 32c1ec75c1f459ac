using System.Diagnostics;
using System.Globalization;
using MachActors.Actors.Scheduling;
using MachActors.Exploration.Strategies;

namespace MachActors.Exploration;

/// <summary>
/// The exploration engine (docs/EXPLORATION.md): runs a scenario's iterations under a strategy
/// source, in parallel across cores (sequential sources one at a time), judges each, and reports.
/// Iteration i of a run with seed s uses the seed Derive(s, i), so any iteration reruns alone.
/// With <see cref="ExplorationOptions.StopAtFirstBug"/> the result does not depend on the number of
/// cores: every iteration below the first bug's index still runs, and those above are dropped.
/// </summary>
public static class Explorer
{
    /// <summary>
    /// Explores <paramref name="scenario"/> with <paramref name="source"/> within <paramref name="options"/>.
    /// PCT-style sources that need K and were not given one get it from a calibration run first (its
    /// seed is derived from the run seed, so the run stays reproducible). Bugs get a schedule file and a
    /// readable log in the output directory (when one is set), written from a replay that also checks
    /// the bug reproduces.
    /// </summary>
    /// <exception cref="ArgumentException">The options break a rule.</exception>
    /// <exception cref="InvalidOperationException">A DFS iteration left its searched schedule (the scenario is not deterministic).</exception>
    public static ExplorationReport Run(Scenario scenario, StrategySource source, ExplorationOptions options, IProgress<ExplorationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        var clock = Stopwatch.StartNew();
        if (source.NeedsStepEstimate && source.StepEstimate == 0) source.StepEstimate = Calibrate(scenario, options);
        var mine = Owned(options).ToArray();
        var results = source.Sequential || options.Parallelism == 1
            ? RunSequential(scenario, source, options, mine, clock, progress)
            : RunParallel(scenario, source, options, mine, clock, progress);
        clock.Stop();
        return Report(scenario, source, options, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Replays <paramref name="file"/> on <paramref name="scenario"/> with every decision forced, recording
    /// the whole trace; the result says whether it followed the schedule to its end and found the same bug.
    /// </summary>
    public static ReplayResult Replay(Scenario scenario, ScheduleFile file)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(file);
        var strategy = new ReplayStrategy(file.ToSchedule());
        var (result, log, divergence) = IterationRunner.Run(scenario, strategy, file.Iteration, file.IterationSeed, file.ToOptions(), file.Fair, record: true);
        return new ReplayResult(result, log!, strategy.Position, file.DecisionCount, divergence);
    }

    /// <summary>The schedule file of <paramref name="bug"/> found by a run of <paramref name="scenario"/> with <paramref name="options"/>.</summary>
    public static ScheduleFile ScheduleFor(Scenario scenario, StrategySource source, ExplorationOptions options, IterationResult bug)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bug);
        var schedule = bug.Schedule ?? throw new ArgumentException("the iteration kept no schedule", nameof(bug));
        var fair = bug.Strategy.StartsWith("random", StringComparison.Ordinal) || bug.Strategy.StartsWith("fair-pct", StringComparison.Ordinal);
        return new ScheduleFile
        {
            Scenario = scenario.Name,
            Strategy = source.Name,
            StrategyDescription = bug.Strategy,
            RunSeed = options.Seed,
            Iteration = bug.Index,
            IterationSeed = bug.Seed,
            Fair = fair,
            MaxSteps = fair ? options.FairBound : options.MaxSteps,
            LivenessThreshold = options.Threshold,
            FailOnMaxSteps = options.FailOnMaxSteps,
            Parameters = new Dictionary<string, string>(options.Parameters),
            Bug = bug.Bug!,
            DecisionCount = schedule.Decisions.Count,
            Decisions = schedule.DecisionsText(),
        };
    }

    private static IEnumerable<long> Owned(ExplorationOptions options)
    {
        for (long i = 0; i < options.Iterations; i++)
        {
            if (options.Shard.Owns(i)) yield return i;
        }
    }

    private static long Calibrate(Scenario scenario, ExplorationOptions options)
    {
        var probe = new PctStrategy(DeterministicRandom.Derive(options.Seed, ulong.MaxValue), depth: 1, stepEstimate: 0);
        IterationRunner.Run(scenario, probe, -1, probe.Seed, options, fair: false, record: false);
        return Math.Max(1, probe.CountedSteps);
    }

    private static IterationResult RunOne(Scenario scenario, StrategySource source, ExplorationOptions options, long index)
    {
        var seed = DeterministicRandom.Derive(options.Seed, (ulong)index);
        var strategy = source.ForIteration(index, seed);
        var (result, _, divergence) = IterationRunner.Run(scenario, strategy, index, seed, options, source.IsFair(strategy), record: false);
        source.Finished(strategy);
        if (divergence is not null) throw new InvalidOperationException($"iteration {index} ({strategy.Description}): {divergence}");
        return result;
    }

    private static List<IterationResult> RunSequential(
        Scenario scenario, StrategySource source, ExplorationOptions options, long[] mine, Stopwatch clock, IProgress<ExplorationProgress>? progress)
    {
        var results = new List<IterationResult>();
        var bugs = 0;
        foreach (var index in mine)
        {
            if (source.Exhausted || OutOfTime(options, clock)) break;
            var result = RunOne(scenario, source, options, index);
            results.Add(result);
            if (result.Bug is not null) bugs++;
            progress?.Report(new ExplorationProgress(results.Count, mine.Length, bugs));
            if (result.Bug is not null && options.StopAtFirstBug) break;
        }
        return results;
    }

    private static List<IterationResult> RunParallel(
        Scenario scenario, StrategySource source, ExplorationOptions options, long[] mine, Stopwatch clock, IProgress<ExplorationProgress>? progress)
    {
        var slots = new IterationResult?[mine.Length];
        long next = -1, done = 0, limit = long.MaxValue;
        var bugs = 0;
        Exception? failure = null;
        void Work()
        {
            try
            {
                while (true)
                {
                    var k = Interlocked.Increment(ref next);
                    if (k >= mine.Length || mine[k] > Interlocked.Read(ref limit) || OutOfTime(options, clock)) return;
                    var result = RunOne(scenario, source, options, mine[k]);
                    slots[k] = result;
                    if (result.Bug is not null)
                    {
                        Interlocked.Increment(ref bugs);
                        if (options.StopAtFirstBug) Lower(ref limit, mine[k]);
                    }
                    progress?.Report(new ExplorationProgress(Interlocked.Increment(ref done), mine.Length, Volatile.Read(ref bugs)));
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                Lower(ref limit, -1);
            }
        }
        var workers = Enumerable.Range(0, Math.Min(options.Parallelism, Math.Max(1, mine.Length)))
            .Select(_ => new Thread(Work) { IsBackground = true, Name = "explore" }).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        if (failure is not null) throw new InvalidOperationException(failure.Message, failure);
        var last = Interlocked.Read(ref limit);
        return [.. slots.Where(r => r is not null && r.Index <= last).Select(r => r!)];
    }

    private static void Lower(ref long limit, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref limit)) > value && Interlocked.CompareExchange(ref limit, value, seen) != seen)
        {
        }
    }

    private static bool OutOfTime(ExplorationOptions options, Stopwatch clock) => options.TimeBudget is { } budget && clock.Elapsed >= budget;

    private static ExplorationReport Report(Scenario scenario, StrategySource source, ExplorationOptions options, List<IterationResult> results, double seconds)
    {
        var found = results.Where(r => r.Bug is not null).OrderBy(r => r.Index).ToList();
        if (options.StopAtFirstBug && found.Count > 1) found = found.Take(1).ToList();
        var dfs = source as DfsSource;
        return new ExplorationReport
        {
            Scenario = scenario.Name,
            Strategy = source.Description,
            Seed = options.Seed,
            Budget = options.Iterations,
            Shards = [options.Shard.ToString()],
            Iterations = results.Count,
            BoundReached = results.Count(r => r.Outcome == IterationOutcome.BoundReached),
            TotalSteps = results.Sum(r => r.Steps),
            MinSteps = results.Count == 0 ? 0 : results.Min(r => r.Steps),
            MaxSteps = results.Count == 0 ? 0 : results.Max(r => r.Steps),
            Seconds = seconds,
            ScheduleHashes = [.. results.Select(r => r.ScheduleHash).Distinct().Order()],
            Coverage = [.. results.SelectMany(r => r.Coverage).Distinct().Select(p => p.ToString()).Distinct().Order(StringComparer.Ordinal)],
            StepEstimate = source.NeedsStepEstimate ? source.StepEstimate : 0,
            Exhausted = source.Exhausted,
            HitBound = dfs?.Explorer.HitBound ?? false,
            Bugs = [.. found.Select(r => Describe(scenario, source, options, r))],
        };
    }

    private static FoundBug Describe(Scenario scenario, StrategySource source, ExplorationOptions options, IterationResult bug)
    {
        if (options.OutputDirectory is not { } dir) return new FoundBug(bug.Index, bug.Seed, bug.Strategy, bug.Bug!, null, null, null);
        Directory.CreateDirectory(dir);
        var file = ScheduleFor(scenario, source, options, bug);
        var stem = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{source.Name}-seed{options.Seed}-it{bug.Index}"));
        var schedulePath = stem + ".schedule.json";
        var logPath = stem + ".log";
        file.Save(schedulePath);
        var replay = Replay(scenario, file);
        var reproduced = replay.Reproduces(bug.Bug!);
        File.WriteAllLines(logPath, LogHeader(file, schedulePath, replay, reproduced).Concat(replay.Log));
        return new FoundBug(bug.Index, bug.Seed, bug.Strategy, bug.Bug!, schedulePath, logPath, reproduced);
    }

    private static IEnumerable<string> LogHeader(ScheduleFile file, string schedulePath, ReplayResult replay, bool reproduced) =>
    [
        $"# scenario {file.Scenario}, iteration {file.Iteration} (seed {file.IterationSeed}), {file.StrategyDescription}",
        $"# bug: {file.Bug}",
        $"# replay: machactors replay {schedulePath}",
        reproduced ? "# the replay below reproduced the bug" : $"# WARNING: the replay did not reproduce the bug (got {replay.Result.Bug?.ToString() ?? "no bug"}{(replay.Divergence is null ? "" : "; " + replay.Divergence)})",
        "#   virtual-ns   step    kind       actor other message [text]",
    ];
}
