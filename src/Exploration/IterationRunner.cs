using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;

namespace MachActors.Exploration;

/// <summary>Runs one iteration of a scenario on a fresh controlled system and judges it.</summary>
internal static class IterationRunner
{
    /// <summary>
    /// Runs <paramref name="scenario"/> under <paramref name="strategy"/>: setup, then the run until the
    /// end condition, a bug, nothing left to happen, the scenario's time limit or the step bound (the
    /// fair one for fair iterations). Then: a hot monitor at the end is a liveness bug, nothing left to
    /// happen while work is blocked or a monitor hot is a deadlock, then the monitors' and the
    /// scenario's final checks. With <paramref name="record"/> every trace line is returned (the log).
    /// An exception thrown by setup or by the system (not by an actor: those are faults) is reported as
    /// an unhandled exception; a replay divergence (the run left its recorded or searched schedule) is
    /// returned as its message.
    /// </summary>
    public static (IterationResult Result, IReadOnlyList<string>? Log, string? Divergence) Run(
        Scenario scenario, ISchedulingStrategy strategy, long index, ulong seed, ExplorationOptions options, bool fair, bool record)
    {
        var recorder = record ? new InMemoryTraceSink() : null;
        var sink = new IterationSink(fair, options.Threshold, recorder);
        var systemOptions = scenario.Configure(new ActorSystemOptions { Seed = seed }) with
        {
            Dispatcher = DispatcherKind.Controlled,
            Strategy = strategy,
            Trace = sink,
            RecordDecisions = true,
        };
        var outcome = IterationOutcome.Passed;
        string? divergence = null;
        Schedule schedule;
        long steps;
        using (var system = ActorSystem.Create("explore", systemOptions))
        {
            var context = new ScenarioContext(system, options.Parameters, index, sink.Watch);
            var bound = fair ? options.FairBound : options.MaxSteps;
            try
            {
                scenario.Setup(context);
                if (sink.Bug is null)
                {
                    var left = Math.Max(1, bound - system.TotalSteps);
                    var run = system.RunUntil(() => sink.Bug is not null || (context.Done?.Invoke() ?? false), context.TimeLimit, left);
                    outcome = Judge(run, context, sink, options);
                }
            }
            catch (ReplayDivergenceException ex)
            {
                divergence = ex.Message;
                outcome = IterationOutcome.BoundReached;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Report(BugKind.UnhandledException, $"the scenario's host code threw {ex.GetType().Name}: {ex.Message}");
            }
            schedule = system.RecordedSchedule();
            steps = system.TotalSteps;
        }
        if (sink.Bug is not null) outcome = IterationOutcome.Bug;
        var result = new IterationResult(index, seed, strategy.Description, steps, outcome, sink.Bug, Hash(schedule),
            outcome == IterationOutcome.Bug ? schedule : null, sink.Coverage());
        return (result, recorder?.Lines(), divergence);
    }

    /// <summary>FNV-1a over every decision: equal schedules hash equal.</summary>
    public static ulong Hash(Schedule schedule)
    {
        var h = 14695981039346656037UL;
        foreach (var d in schedule.Decisions)
        {
            h = (h ^ (ulong)d.Kind) * 1099511628211UL;
            h = (h ^ (uint)d.Value) * 1099511628211UL;
        }
        return h;
    }

    private static IterationOutcome Judge(RunResult run, ScenarioContext context, IterationSink sink, ExplorationOptions options)
    {
        if (sink.Bug is not null) return IterationOutcome.Bug;
        switch (run.Outcome)
        {
            case RunOutcome.StepLimitReached:
                if (options.FailOnMaxSteps) sink.Report(BugKind.MaxSteps, "the run reached its step bound before the end condition");
                return IterationOutcome.BoundReached;
            case RunOutcome.DeadlineReached:
                if (Hot(sink) is { } late) sink.Report(BugKind.Liveness, $"{late.Name} still hot at the time limit: {late.HotReason}");
                else if (context.Blocked?.Invoke() is { } stuck) sink.Report(BugKind.Liveness, "still blocked at the time limit: " + stuck);
                return sink.Bug is null ? IterationOutcome.BoundReached : IterationOutcome.Bug;
            case RunOutcome.Quiescent:
                var blocked = context.Blocked?.Invoke();
                var hot = Hot(sink);
                if (blocked is not null || hot is not null || context.Done is not null)
                {
                    sink.Report(BugKind.Deadlock, "nothing left to deliver and no timer pending: "
                        + (blocked ?? (hot is not null ? $"{hot.Name} is hot: {hot.HotReason}" : "the end condition was never reached")));
                    return IterationOutcome.Bug;
                }
                break;
        }
        foreach (var monitor in sink.Monitors)
        {
            try
            {
                monitor.OnEnd();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Report(BugKind.Safety, $"monitor {monitor.Name} threw {ex.GetType().Name} at the end: {ex.Message}");
            }
            if (monitor.Violation is { } v) sink.Report(BugKind.Safety, $"{monitor.Name}: {v}");
        }
        if (context.Check?.Invoke() is { } failed) sink.Report(BugKind.Safety, failed);
        if (Hot(sink) is { } stillHot) sink.Report(BugKind.Liveness, $"{stillHot.Name} is hot at the end of the run: {stillHot.HotReason}");
        return sink.Bug is null ? IterationOutcome.Passed : IterationOutcome.Bug;
    }

    private static SpecMonitor? Hot(IterationSink sink) => sink.Monitors.FirstOrDefault(m => m.Temperature == Temperature.Hot);
}
