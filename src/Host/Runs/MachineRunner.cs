using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers.Default;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;

namespace MachActors.Host.Runs;

/// <summary>Boots the machine, runs one workload until its threads end or the time limit, and gathers the report.</summary>
internal static class MachineRunner
{
    /// <summary>Virtual time between two samples of the free frame count on a machine with swap.</summary>
    public static readonly Duration SampleInterval = Duration.FromMilliseconds(10);

    /// <summary>
    /// The machine <paramref name="settings"/> ask for: their CPUs; their frames, or 64 for a workload
    /// that needs swap, or the machine's default; a swap disk when the workload needs one or
    /// <see cref="RunSettings.SwapBlocks"/> is given. Pure.
    /// </summary>
    public static MachineConfig ConfigFor(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var needsSwap = BuiltinWorkloads.NeedsSwap(settings.Workload);
        var config = new MachineConfig { CpuCount = settings.Cpus };
        config = config with { FrameCount = settings.Frames ?? (needsSwap ? PagingWorkload.DefaultFrames : config.FrameCount) };
        return needsSwap || settings.SwapBlocks is not null ? PagingWorkload.WithSwap(config, settings.SwapBlocks) : config;
    }

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
        var plugin = PluginOf(settings);
        var watch = plugin is null ? null : new PagerFailureSink(plugin.Type, trace);
        var options = new ActorSystemOptions
        {
            Dispatcher = settings.Parallel ? DispatcherKind.Parallel : DispatcherKind.Controlled,
            Seed = settings.Seed,
            Trace = watch ?? (ITraceSink?)trace,
        };
        using var system = ActorSystem.Create("machactors", options);
        var config = ConfigFor(settings);
        var handoffs = new HandoffCounter();
        var machine = Machine.Boot(system, config, workloads, new SchedulerOptions { Affinity = settings.Affinity, Observer = handoffs },
            config.SwapDisk is null ? null : DefaultPagerBoot.Create);
        if (BuiltinWorkloads.NeedsPager(settings.Workload)) PagerWorkloadBoot.Publish(machine, plugin?.PropsFor(config.PageSize));
        var started = machine.StartTask(settings.Workload);
        if (started.Result != KernReturn.Success) throw new InvalidOperationException($"the machine did not start workload '{settings.Workload}': {started.Result}");
        var samples = new List<int>();
        var run = config.SwapDisk is null ? machine.RunUntilThreadsEnd(settings.MaxTime) : RunSampling(machine, settings.MaxTime, samples);

        // Read the run's own counts before the questions below add their messages.
        var steps = system.TotalSteps;
        int? decisions = settings.Parallel ? null : system.RecordedSchedule().Decisions.Count;
        var traceLines = trace?.Lines() ?? [];
        var liveThreads = machine.Status.LiveThreads;
        var ipc = machine.Status.Ipc;
        var vm = machine.Status.Vm;
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
            Vm = vm,
            FreeFrameSamples = samples,
            Handoffs = handoffCount,
            Steps = steps,
            Decisions = decisions,
            TraceLines = traceLines,
            Pager = plugin?.ToString() ?? (BuiltinWorkloads.NeedsPager(settings.Workload) ? "the built-in memory pager (MachActors.Pagers.Memory.MemoryPager)" : null),
            PagerFailure = watch?.Failure,
        };
    }

    /// <summary>The settings' pager plugin, or null for none.</summary>
    /// <exception cref="InvalidOperationException">It does not load (the command checks it first).</exception>
    private static PagerPlugin? PluginOf(RunSettings settings)
    {
        if (settings.Pager is null) return null;
        return PagerPlugin.TryLoad(settings.Pager, out var plugin, out var error) ? plugin : throw new InvalidOperationException(error.Message);
    }

    /// <summary>
    /// Runs until every thread ended or <paramref name="maxTime"/> passed, stopping every
    /// <see cref="SampleInterval"/> of virtual time to append the free frame count to
    /// <paramref name="samples"/>. The machine only moves inside the runs, so stopping between them
    /// changes nothing it does; the last run's result is returned.
    /// </summary>
    private static RunResult RunSampling(Machine machine, Duration maxTime, List<int> samples)
    {
        var deadline = machine.System.Now + maxTime;
        while (true)
        {
            var left = deadline - machine.System.Now;
            var run = machine.RunUntilThreadsEnd(left < SampleInterval ? left : SampleInterval);
            samples.Add(machine.Status.Vm.FreeFrames);
            if (run.Outcome != RunOutcome.DeadlineReached || run.Now >= deadline) return run;
        }
    }
}
