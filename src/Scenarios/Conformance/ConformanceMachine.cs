using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;

namespace MachActors.Scenarios.Conformance;

/// <summary>
/// One machine of a conformance check: a fresh actor system on the given dispatcher (seed 1), a booted
/// machine (with the default pager when it has swap), the pager under test started under the machine's
/// pager supervisor, and its traffic recorded (<see cref="PagerTraffic"/>). Duties publish memory objects,
/// start programs, run until the threads end, and judge by the programs' findings, the machine's
/// faults and the traffic.
/// </summary>
public sealed class ConformanceMachine : IDisposable
{
    private readonly ProgramRegistry _programs = new();
    private int _started;

    /// <summary>Boots the machine of <paramref name="config"/> on <paramref name="dispatcher"/> and starts the pager <paramref name="pager"/> makes for its page size.</summary>
    public ConformanceMachine(PagerFactory pager, DispatcherKind dispatcher, MachineConfig config)
    {
        ArgumentNullException.ThrowIfNull(pager);
        ArgumentNullException.ThrowIfNull(config);
        System = ActorSystem.Create("pager-check", new ActorSystemOptions { Dispatcher = dispatcher, Seed = 1, Trace = Traffic });
        Machine = Machine.Boot(System, config, _programs, null, config.SwapDisk is null ? null : DefaultPagerBoot.Create);
        Pager = Machine.StartPager(pager(config.PageSize));
    }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The booted machine.</summary>
    public Machine Machine { get; }

    /// <summary>The pager under test.</summary>
    public IActorRef Pager { get; }

    /// <summary>The protocol traffic and actor failures so far.</summary>
    public PagerTraffic Traffic { get; } = new();

    /// <summary>The machine's page size.</summary>
    public int PageSize => Machine.Config.PageSize;

    /// <summary>The machine's pager timeout.</summary>
    public Duration Timeout => Machine.Config.PagerTimeout;

    /// <summary>Kernel -> pager messages so far.</summary>
    public IReadOnlyList<(VirtualTime Time, PagerMessage Message)> ToPager => Traffic.ToPager(Pager.Id.Value);

    /// <summary>Pager -> kernel calls so far.</summary>
    public IReadOnlyList<(VirtualTime Time, PagerControlMessage Call)> FromPager => Traffic.FromPager(Pager.Id.Value);

    /// <summary>Both directions of the pager's traffic so far, in the order sent.</summary>
    public IReadOnlyList<PagerTrafficEvent> Timeline =>
        [.. Traffic.Events.Where(e => (e.To == Pager.Id.Value && e.Message is PagerMessage) || (e.From == Pager.Id.Value && e.Message is PagerControlMessage))];

    /// <summary>The pager's failure (it threw in its constructor or a handler and was stopped), or null.</summary>
    public string? PagerFailure => Traffic.FailureOf(Pager.Id.Value);

    /// <summary>Makes the pager's memory object <paramref name="key"/> and publishes it as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The name server refused the name.</exception>
    public void Publish(string name, long key)
    {
        var code = Machine.PublishPort(name, Machine.CreateMemoryObject(Pager, key));
        if (code != NetnameReturn.Success) throw new InvalidOperationException($"publishing memory object {key} failed: {code}");
    }

    /// <summary>Starts a task whose main thread runs <paramref name="main"/>.</summary>
    /// <exception cref="InvalidOperationException">The machine refused to start it.</exception>
    public void Start(Func<MachEnv, Task> main)
    {
        var program = "pager-check-" + ++_started;
        _programs.Register(program, (env, _) => main(env));
        var started = Machine.StartTask(program, null, program);
        if (started.Result != KernReturn.Success) throw new InvalidOperationException($"the check's task did not start: {started.Result}");
    }

    /// <summary>Runs until every thread has ended, at most <paramref name="within"/> of virtual time; true when they all ended.</summary>
    public bool Run(Duration within) => Machine.RunUntilThreadsEnd(within).Outcome == RunOutcome.ConditionMet;

    /// <summary>The first thread fault's message, or null.</summary>
    public string? FirstFault => Machine.Status.Faults.FirstOrDefault() is not { } f ? null
        : f.Exception is { } e ? $"{e} ({(KernReturn)e.Code})" : f.Error?.Message ?? "it ended without an exception";

    /// <summary>In a program: maps <paramref name="pages"/> pages of the memory object published as <paramref name="name"/>; the address, or 0 when the look-up or the mapping failed.</summary>
    public static async Task<ulong> Map(MachEnv env, string name, int pages)
    {
        ArgumentNullException.ThrowIfNull(env);
        var (found, port) = await env.NetnameLookUp(await env.NameServer(), name);
        if (found != NetnameReturn.Success) return 0;
        var (code, at) = await env.VmMap(env.TaskSelf, 0, (ulong)(pages * env.Machine.PageSize), 0, true, port, 0, false);
        return code == KernReturn.Success ? at : 0;
    }

    /// <inheritdoc />
    public void Dispose() => System.Dispose();
}

/// <summary>Makes the pager under test for a machine whose pages are the given size (a plugin's <c>PropsFor</c>, or a built-in pager's constructor).</summary>
/// <param name="pageSize">The machine's page size.</param>
public delegate Props PagerFactory(int pageSize);
