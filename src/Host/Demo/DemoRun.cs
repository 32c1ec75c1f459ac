using MachActors.Actors;
using MachActors.Actors.Dispatch;

namespace MachActors.Host.Demo;

/// <summary>Boots an actor system, runs the demo for the chosen virtual time, and gathers the outcome.</summary>
internal static class DemoRun
{
    /// <summary>
    /// Runs the demo. Under the controlled dispatcher the outcome is a pure function of
    /// <paramref name="settings"/>; under the parallel one the interleaving (and so the greetings
    /// and dead letters) may differ from run to run.
    /// </summary>
    public static DemoOutcome Execute(DemoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var recorder = new DemoRecorder(settings.Trace);
        var options = new ActorSystemOptions
        {
            Dispatcher = settings.Parallel ? DispatcherKind.Parallel : DispatcherKind.Controlled,
            Seed = settings.Seed,
            Trace = recorder,
        };
        using var system = ActorSystem.Create("machactors", options);
        var supervisor = system.Spawn(Props.Create(() => new Supervisor(DemoPlan.Workers)), "supervisor");
        var run = system.RunFor(settings.Duration);

        // Ask runs the system only until the reply arrives, which is at the current instant.
        var report = supervisor.Ask<SupervisorReport>(GetReport.Instance).GetAwaiter().GetResult();
        var total = report.Counter.Ask<CounterTotal>(GetTotal.Instance).GetAwaiter().GetResult();

        var rows = new List<ActorRow>
        {
            Row(recorder, supervisor, "supervisor"),
            Row(recorder, report.Counter, "counter"),
        };
        rows.AddRange(report.Workers.Select((w, i) => Row(recorder, w, RoleOf(DemoPlan.Workers[i]))));
        return new DemoOutcome
        {
            Settings = settings,
            Dispatcher = settings.Parallel ? "parallel (thread pool)" : "controlled, strategy " + system.Strategy!.Description,
            Outcome = run.Outcome,
            Elapsed = system.Now,
            Events = report.Events,
            Total = total,
            Actors = rows,
            Steps = system.TotalSteps,
            DeadLetters = system.DeadLetterCount,
            Failures = system.FailureCount,
            Restarts = report.Events.Count(e => e.Kind == DemoEventKind.Restarted),
            UnhandledFailures = system.UnhandledFailures.Count,
            Decisions = settings.Parallel ? null : system.RecordedSchedule().Decisions.Count,
            TraceLines = recorder.Lines(),
        };
    }

    private static ActorRow Row(DemoRecorder recorder, IActorRef actor, string role) =>
        new(actor.Id.Value, actor.Path.ToString(), role, recorder.CountsOf(actor.Id.Value));

    private static string RoleOf(WorkerSpec spec) => spec switch
    {
        { FailAt: { } at } => $"worker, fails at {at}",
        { Quota: > 0 } => $"worker, retires after {spec.Quota} ticks",
        _ => "worker",
    };
}
