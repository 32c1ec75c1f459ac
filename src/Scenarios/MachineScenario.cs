using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Exploration;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Pagers.Default;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;
using MachActors.Scenarios.Monitors;

namespace MachActors.Scenarios;

/// <summary>
/// A scenario on a whole booted machine (docs/EXPLORATION.md, "Scenarios"). Every iteration boots a
/// fresh machine from <see cref="Config"/> (with the default pager when it has swap), adds the fault
/// liveness, data_request, VM oracle, message accounting and capability safety monitors, lets the scenario start its pagers and tasks
/// (<see cref="Build"/>), and runs until every thread has ended. Threads still live when nothing is
/// left to happen, or at the virtual time limit, are blocked work (a deadlock or a liveness bug).
/// The check <see cref="Build"/> returns judges what the programs saw; by default no thread may fault.
/// One scenario object serves iterations running in parallel: per-iteration state lives in what
/// <see cref="Build"/> makes, never in the scenario's fields.
/// </summary>
public abstract class MachineScenario : Scenario
{
    /// <summary>The machine of each iteration. Default: 2 CPUs, a 300 ms pager timeout.</summary>
    protected virtual MachineConfig Config => new() { CpuCount = 2, PagerTimeout = Duration.FromMilliseconds(300) };

    /// <summary>Virtual time an iteration may take. Default 2 s.</summary>
    protected virtual Duration TimeLimit => Duration.FromSeconds(2);

    /// <summary>The scenario parameter naming a pager plugin (<c>PATH.dll:Namespace.Type</c>, <c>machactors explore --pager</c>).</summary>
    public const string PagerParameter = "pager";

    /// <summary>
    /// Whether the scenario's memory object may be served by a pager plugin instead of its
    /// <see cref="MemoryPager"/> (<see cref="PagerParameter"/>); false for scenarios without an external
    /// pager, or whose pager is part of what they test. Default false.
    /// </summary>
    public virtual bool AcceptsPager => false;

    /// <summary>Every message sent to a live port is received by the end (the message accounting monitor's <c>expectDrained</c>). Default false.</summary>
    protected virtual bool DrainsMessages => false;

    /// <summary>
    /// Test-only: bugs seeded into each iteration's machine (<see cref="MachineConfig.SeededBugs"/>; none by
    /// default), so a test explores the same scenario on a kernel variant (docs/EXPLORATION.md, "Tests").
    /// </summary>
    internal SeededBugs Seeded { get; init; }

    /// <summary>Boots the machine, adds the monitors, builds the scenario, and sets the end condition, blocked-work probe and check.</summary>
    public sealed override void Setup(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = Seeded == SeededBugs.None ? Config : Config with { SeededBugs = Seeded };
        context.AddMonitor(new FaultLivenessMonitor());
        context.AddMonitor(new DataRequestMonitor(config.PageSize));
        context.AddMonitor(new MessageAccountingMonitor(DrainsMessages));
        context.AddMonitor(new CapabilitySafetyMonitor());
        context.AddMonitor(new VmOracleMonitor(config.PageSize));
        var run = new MachineRun(context, config, AcceptsPager ? PluginOf(context) : null);
        var check = Build(run);
        context.Done = () => run.Machine.Status.LiveThreads == 0;
        context.Blocked = () => run.Machine.Status.LiveThreads > 0 ? $"{run.Machine.Status.LiveThreads} thread(s) never ended" : null;
        context.TimeLimit = TimeLimit;
        context.Check = () => check is not null ? check() : NoFault(run);
    }

    /// <summary>The pager plugin the iteration's parameters name, or null; a plugin that does not load is an error of the caller (the host checks it first).</summary>
    /// <exception cref="InvalidOperationException">The plugin does not load.</exception>
    private static PagerPlugin? PluginOf(ScenarioContext context)
    {
        if (!context.Parameters.TryGetValue(PagerParameter, out var spec)) return null;
        return PagerPlugin.TryLoad(spec, out var plugin, out var error) ? plugin : throw new InvalidOperationException(error.Message);
    }

    /// <summary>Starts the scenario's pagers and tasks on <paramref name="run"/>; returns the final check (null: <see cref="NoFault"/>).</summary>
    protected abstract Func<string?>? Build(MachineRun run);

    /// <summary>A check: no thread faulted.</summary>
    protected static string? NoFault(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Machine.Status.Faults.FirstOrDefault() is { } f ? $"thread {f.Thread.Id} faulted: {f.Error?.Message}" : null;
    }
}

/// <summary>One iteration's machine, its programs, and the pagers it started.</summary>
public sealed class MachineRun
{
    /// <summary>The name a memory object is published under (<see cref="PublishMemoryObject"/>).</summary>
    public const string MemoryObjectName = "memory-object";

    private readonly ProgramRegistry _programs = new();
    private readonly PagerPlugin? _plugin;
    private readonly FirstAnswerMonitor? _answers;
    private int _started;

    internal MachineRun(ScenarioContext context, MachineConfig config, PagerPlugin? plugin = null)
    {
        Context = context;
        _plugin = plugin;
        if (plugin is not null) _answers = context.AddMonitor(new FirstAnswerMonitor(config.PageSize));
        Machine = Machine.Boot(context.System, config, _programs, null, config.SwapDisk is null ? null : DefaultPagerBoot.Create);
    }

    /// <summary>The pager plugin serving the published memory object instead of the scenario's pager, or null.</summary>
    public PagerPlugin? Plugin => _plugin;

    /// <summary>The iteration's context (its parameters).</summary>
    public ScenarioContext Context { get; }

    /// <summary>The booted machine.</summary>
    public Machine Machine { get; }

    /// <summary>The page size.</summary>
    public int PageSize => Machine.Config.PageSize;

    /// <summary>Starts a task whose main thread runs <paramref name="main"/>.</summary>
    /// <exception cref="InvalidOperationException">The machine refused to start it.</exception>
    public void Start(string name, Func<MachEnv, Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        Start(name, (env, _) => main(env));
    }

    /// <summary>Starts a task running <paramref name="program"/> (a whole program, such as a personality's server) as the host starts one.</summary>
    /// <exception cref="InvalidOperationException">The machine refused to start it.</exception>
    public void Start(string name, MachProgram program)
    {
        var registered = name + "-" + ++_started;
        _programs.Register(registered, program);
        var started = Machine.StartTask(registered, null, name);
        if (started.Result != KernReturn.Success) throw new InvalidOperationException($"task {name} did not start: {started.Result}");
    }

    /// <summary>
    /// Starts <paramref name="pager"/> (by default a <see cref="MemoryPager"/> answering after 1 ms; the
    /// <see cref="Plugin"/> instead when there is one), makes its memory object <paramref name="key"/> and
    /// publishes it as <see cref="MemoryObjectName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name server refused the name.</exception>
    public IActorRef PublishMemoryObject(Props? pager = null, long key = 1)
    {
        var size = PageSize;
        var actor = Machine.StartPager(_plugin?.PropsFor(size) ?? pager ?? Props.Create(() => new MemoryPager(size, Duration.FromMilliseconds(1))));
        var port = Machine.CreateMemoryObject(actor, key);
        var code = Machine.PublishPort(MemoryObjectName, port);
        if (code != Kernel.Mig.Interfaces.NetnameReturn.Success) throw new InvalidOperationException($"publishing the memory object failed: {code}");
        return actor;
    }

    /// <summary>
    /// The bytes the memory object's page at <paramref name="offset"/> holds before anyone writes it: the
    /// <see cref="MemoryPager"/>'s <see cref="MemoryPager.Initial"/> bytes of object 1; with a
    /// <see cref="Plugin"/>, the first answer the pager gave for that page (its supply, or zeros for
    /// data_unavailable), or null when it gave none yet. The scenarios' checks hold a plugin to the
    /// store contract: a page reads what the pager first supplied for it, plus the programs' writes.
    /// </summary>
    public ImmutableArray<byte>? InitialPage(long offset) => _answers is null ? MemoryPager.Initial(1, offset, PageSize) : _answers.FirstAnswer(offset);

    /// <summary>In a program: maps <paramref name="pages"/> pages of the published memory object anywhere in <paramref name="into"/> (default: the caller's task); the address, or 0 when it failed.</summary>
    public static async Task<ulong> MapMemoryObject(MachEnv env, int pages, PortName? into = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        var (found, port) = await env.NetnameLookUp(await env.NameServer(), MemoryObjectName);
        if (found != Kernel.Mig.Interfaces.NetnameReturn.Success) return 0;
        var (code, at) = await env.VmMap(into ?? env.TaskSelf, 0, (ulong)(pages * env.Machine.PageSize), 0, true, port, 0, false);
        return code == KernReturn.Success ? at : 0;
    }
}
