using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;

namespace MachActors.Host.Runs;

/// <summary>Boots the machine, runs one workload until its threads end or the time limit, and gathers the report.</summary>
internal static class MachineRunner
{
    /// <summary>
    /// Runs <paramref name="settings"/>' workload from <paramref name="workloads"/>. Under the
    /// controlled dispatcher the report is a pure function of the settings. Throws when the machine
    /// cannot start the workload (the caller reports it).
    /// </summary>
    public static MachineReport Execute(RunSettings settings, ProgramRegistry workloads)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workloads);
        var trace = settings.Trace ? new InMemoryTraceSink() : null;
        var options = new ActorSystemOptions
        {
            Dispatcher = settings.Parallel ? DispatcherKind.Parallel : DispatcherKind.Controlled,
            Seed = settings.Seed,
            Trace = trace,
        };
        using var system = ActorSystem.Create("machactors", options);
        var config = new MachineConfig { CpuCount = settings.Cpus };
        var handoffs = new HandoffCounter();
        var machine = Machine.Boot(system, config, workloads, new SchedulerOptions { Affinity = settings.Affinity, Observer = handoffs });
        var started = machine.StartTask(settings.Workload);
        if (started.Result != KernReturn.Success) throw new InvalidOperationException($"the machine did not start workload '{settings.Workload}': {started.Result}");
        var run = machine.RunUntilThreadsEnd(settings.MaxTime);

        // Read the run's own counts before the questions below add their messages.
        var steps = system.TotalSteps;
        int? decisions = settings.Parallel ? null : system.RecordedSchedule().Decisions.Count;
        var traceLines = trace?.Lines() ?? [];
        var liveThreads = machine.Status.LiveThreads;
        var ipc = machine.Status.Ipc;
        var handoffCount = handoffs.Handoffs;
        return new MachineReport
        {
            Settings = settings,
            Description = workloads.DescriptionOf(settings.Workload),
            Config = config,
            Dispatcher = settings.Parallel ? "parallel (thread pool)" : "controlled, strategy " + system.Strategy!.Description,
            Outcome = run.Outcome,
            Elapsed = run.Now,
            Cpus = machine.CpuStats(),
            Threads = machine.Threads(),
            LiveThreads = liveThreads,
            Faults = machine.Status.Faults.Select(f => f.ToString()).ToList(),
            Ipc = ipc,
            Handoffs = handoffCount,
            Steps = steps,
            Decisions = decisions,
            TraceLines = traceLines,
        };
    }
}
