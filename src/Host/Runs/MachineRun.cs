using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers;
using MachActors.Pagers.Default;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;

namespace MachActors.Host.Runs;

/// <summary>What a run has done so far, read between two stops (counters only: reading them sends nothing).</summary>
/// <param name="Elapsed">Virtual time since boot.</param>
/// <param name="MaxTime">The run's time limit.</param>
/// <param name="LiveThreads">Threads not yet ended.</param>
/// <param name="Faults">VM faults so far.</param>
/// <param name="Messages">mach_msg sends so far.</param>
/// <param name="Pageouts">Pages paged out so far.</param>
internal sealed record RunProgress(Duration Elapsed, Duration MaxTime, long LiveThreads, long Faults, long Messages, long Pageouts);

/// <summary>
/// One machine run, driven stop by stop: <see cref="Start"/> boots the machine and starts the workload,
/// <see cref="Step"/> runs it for one slice of virtual time, <see cref="Finish"/> gathers the report.
/// The machine only moves inside the steps and nothing between them sends it anything, so where the
/// run stops changes nothing it does: same seed, same report, whatever the slice. Owns its actor system.
/// </summary>
internal sealed class MachineRun : IDisposable
{
    private readonly RunSettings _settings;
    private readonly ProgramRegistry _workloads;
    private readonly ActorSystem _system;
    private readonly Machine _machine;
    private readonly InMemoryTraceSink? _trace;
    private readonly PagerFailureSink? _watch;
    private readonly PagerPlugin? _plugin;
    private readonly IActorRef? _pager;
    private readonly HandoffCounter _handoffs;
    private readonly List<int> _samples = [];
    private readonly PersonalitiesRun? _personalities;
    private readonly VirtualTime _deadline;
    private readonly Duration _slice;
    private RunResult? _last;

    private MachineRun(RunSettings settings, ProgramRegistry workloads, ITraceSink? extra, Duration slice)
    {
        _settings = settings;
        _workloads = workloads;
        _slice = slice;
        _trace = settings.Trace ? new InMemoryTraceSink() : null;
        _plugin = PluginOf(settings);
        ITraceSink? sink = _trace is null ? extra : extra is null ? _trace : new FanOutTraceSink(_trace, extra);
        _watch = _plugin is null ? null : new PagerFailureSink(_plugin.Type, sink);
        var options = new ActorSystemOptions
        {
            Dispatcher = settings.Parallel ? DispatcherKind.Parallel : DispatcherKind.Controlled,
            Seed = settings.Seed,
            Trace = _watch ?? sink,
        };
        _system = ActorSystem.Create("machactors", options);
        try
        {
            var config = MachineRunner.ConfigFor(settings);
            var programs = workloads;
            if (HostWorkloads.IsPersonalities(settings.Workload))
            {
                programs = new ProgramRegistry();
                _personalities = PersonalitiesWorkload.Boot(programs);
                config = PersonalitiesWorkload.WithConsole(config, _personalities);
            }
            _handoffs = new HandoffCounter();
            _machine = Machine.Boot(_system, config, programs, new SchedulerOptions { Affinity = settings.Affinity, Observer = _handoffs },
                config.SwapDisk is null ? null : DefaultPagerBoot.Create);
            _pager = BuiltinWorkloads.NeedsPager(settings.Workload) ? PagerWorkloadBoot.Publish(_machine, _plugin?.PropsFor(config.PageSize)) : null;
            if (_personalities is not null) _personalities.Start(_machine);
            else StartWorkload(_machine, settings.Workload);
            _deadline = _system.Now + settings.MaxTime;
        }
        catch
        {
            _system.Dispose();
            throw;
        }
    }

    /// <summary>True once every thread ended, the time limit passed or nothing can happen any more.</summary>
    public bool Done { get; private set; }

    /// <summary>The counters now.</summary>
    public RunProgress Progress
    {
        get
        {
            var status = _machine.Status;
            return new RunProgress(_system.Now.SinceBoot, _settings.MaxTime, status.LiveThreads, status.Vm.Faults, status.Ipc.MessagesSent, status.Vm.Pageouts);
        }
    }

    /// <summary>
    /// Boots the machine for <paramref name="settings"/> and starts the workload. <paramref name="trace"/>
    /// sees every runtime event; <paramref name="slice"/> is the virtual time of one <see cref="Step"/>
    /// (default <see cref="MachineRunner.SampleInterval"/>). Throws when the workload does not start.
    /// </summary>
    public static MachineRun Start(RunSettings settings, ProgramRegistry workloads, ITraceSink? trace = null, Duration? slice = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workloads);
        return new MachineRun(settings, workloads, trace, slice ?? MachineRunner.SampleInterval);
    }

    /// <summary>
    /// Runs the machine until every thread ended, one slice passed or the deadline came; on a machine
    /// with swap, appends the free frame count to the samples. Precondition: not <see cref="Done"/>.
    /// </summary>
    public void Step()
    {
        if (Done) throw new InvalidOperationException("the run is over");
        var left = _deadline - _system.Now;
        var run = _machine.RunUntilThreadsEnd(left < _slice ? left : _slice);
        if (_machine.Config.SwapDisk is not null) _samples.Add(_machine.Status.Vm.FreeFrames);
        _last = run;
        Done = run.Outcome != RunOutcome.DeadlineReached || run.Now >= _deadline;
    }

    /// <summary>The report (asks the machine its CPUs', threads' and default pager's numbers). Precondition: <see cref="Done"/>.</summary>
    public MachineReport Finish()
    {
        if (!Done || _last is not { } run) throw new InvalidOperationException("the run is not over");
        // Read the run's own counts before the questions below add their messages.
        var steps = _system.TotalSteps;
        int? decisions = _settings.Parallel ? null : _system.RecordedSchedule().Decisions.Count;
        var traceLines = _trace?.Lines() ?? [];
        var status = _machine.Status;
        var (liveThreads, ipc, vm, handoffs) = (status.LiveThreads, status.Ipc, status.Vm, _handoffs.Handoffs);
        var defaultPager = _machine.Config.SwapDisk is null ? null : _machine.DefaultPager?.Ask<DefaultPagerCounts>(GetDefaultPagerStats.Instance).GetAwaiter().GetResult();
        var pagerStats = _watch?.Failure is null ? StatsOf(_pager, _plugin?.BuiltIn) : null;
        return new MachineReport
        {
            Settings = _settings,
            Description = _workloads.DescriptionOf(_settings.Workload),
            Config = _machine.Config,
            Dispatcher = _settings.Parallel ? "parallel (thread pool)" : "controlled, strategy " + _system.Strategy!.Description,
            Outcome = run.Outcome,
            Elapsed = run.Now,
            Cpus = _machine.CpuStats(),
            Threads = _machine.Threads(),
            LiveThreads = liveThreads,
            Faults = status.Faults.Select(f => f.ToString()).ToList(),
            Ipc = ipc,
            Vm = vm,
            FreeFrameSamples = _samples,
            Handoffs = handoffs,
            Steps = steps,
            Decisions = decisions,
            TraceLines = traceLines,
            Pager = _plugin?.ToString() ?? (BuiltinWorkloads.NeedsPager(_settings.Workload) ? "the built-in memory pager (MachActors.Pagers.Memory.MemoryPager)" : null),
            PagerFailure = _watch?.Failure,
            DefaultPager = defaultPager,
            PagerStats = pagerStats,
            Personalities = _personalities?.Outcome(),
        };
    }

    /// <summary>Starts the workload's program as the machine's first task; throws when it does not start.</summary>
    private static void StartWorkload(Machine machine, string workload)
    {
        var started = machine.StartTask(workload);
        if (started.Result != KernReturn.Success) throw new InvalidOperationException($"the machine did not start workload '{workload}': {started.Result}");
    }

    /// <summary>
    /// A built-in pager's stats line (its answer to its stats query: the compressing pager's ratio, the file
    /// pager's files), or null for other pagers, or when it does not answer within a second of virtual time.
    /// </summary>
    private static string? StatsOf(IActorRef? pager, BuiltInPager? builtIn)
    {
        if (pager is null || builtIn?.StatsQuery is not { } query) return null;
        var reply = pager.Ask(query, Duration.FromSeconds(1));
        return reply.IsCompletedSuccessfully ? reply.Result.ToString() : null;
    }

    /// <summary>Stops the actor system.</summary>
    public void Dispose() => _system.Dispose();

    /// <summary>The settings' pager plugin, or null for none.</summary>
    /// <exception cref="InvalidOperationException">It does not load (the command checks it first).</exception>
    private static PagerPlugin? PluginOf(RunSettings settings)
    {
        if (settings.Pager is null) return null;
        return PagerPlugin.TryLoad(settings.Pager, out var plugin, out var error) ? plugin : throw new InvalidOperationException(error.Message);
    }
}
