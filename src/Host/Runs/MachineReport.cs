using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Pagers.Default;

namespace MachActors.Host.Runs;

/// <summary>Everything the report of a machine run prints; a pure function of the settings under the controlled dispatcher.</summary>
internal sealed record MachineReport
{
    /// <summary>The settings it ran with.</summary>
    public required RunSettings Settings { get; init; }

    /// <summary>The workload's description.</summary>
    public required string Description { get; init; }

    /// <summary>The machine's shape.</summary>
    public required MachineConfig Config { get; init; }

    /// <summary>The dispatcher's description, e.g. "controlled, strategy random(seed=1)".</summary>
    public required string Dispatcher { get; init; }

    /// <summary>Why the run returned: ConditionMet when every thread ended.</summary>
    public required RunOutcome Outcome { get; init; }

    /// <summary>The virtual clock when the run returned.</summary>
    public required VirtualTime Elapsed { get; init; }

    /// <summary>Every CPU's accounting at the end.</summary>
    public required IReadOnlyList<CpuStats> Cpus { get; init; }

    /// <summary>Every thread ever created, in creation order, with its information at the end.</summary>
    public required IReadOnlyList<ThreadBasicInfo> Threads { get; init; }

    /// <summary>Threads not yet ended when the run returned.</summary>
    public required long LiveThreads { get; init; }

    /// <summary>Programs that threw, in order, as one line each.</summary>
    public required IReadOnlyList<string> Faults { get; init; }

    /// <summary>The machine's IPC counters at the end of the run.</summary>
    public required IpcCounts Ipc { get; init; }

    /// <summary>The machine's VM counters at the end of the run.</summary>
    public required VmCounts Vm { get; init; }

    /// <summary>
    /// On a machine with swap, the free frame count after every <see cref="MachineRunner.SampleInterval"/>
    /// of virtual time (the last sample is taken when the run returned); otherwise empty.
    /// </summary>
    public required IReadOnlyList<int> FreeFrameSamples { get; init; }

    /// <summary>Dispatches made by handoff (an RPC's CPU handed to its receiver, or thread_switch).</summary>
    public required long Handoffs { get; init; }

    /// <summary>Runtime steps (messages and timer firings delivered) taken by the run.</summary>
    public required long Steps { get; init; }

    /// <summary>Runtime scheduling decisions recorded (controlled dispatcher), or null (parallel).</summary>
    public required int? Decisions { get; init; }

    /// <summary>Every trace line of the run, when tracing was asked for; otherwise empty.</summary>
    public required IReadOnlyList<string> TraceLines { get; init; }

    /// <summary>True when every thread ended.</summary>
    public bool Completed => Outcome == RunOutcome.ConditionMet && LiveThreads == 0;

    /// <summary>The pager serving the <c>pager</c> workload's memory object (its class and file), or null for other workloads.</summary>
    public string? Pager { get; init; }

    /// <summary>A built-in pager's stats after the run (the compressing pager's ratio, the file pager's files, the DSM pager's coherence), or null.</summary>
    public string? PagerStats { get; init; }

    /// <summary>Why the pager plugin stopped (its constructor or a handler threw: "ExceptionType: message"), or null.</summary>
    public string? PagerFailure { get; init; }

    /// <summary>On a machine with swap, the default pager's counts at the end of the run; otherwise null.</summary>
    public DefaultPagerCounts? DefaultPager { get; init; }

    /// <summary>For the <see cref="PersonalitiesWorkload"/>: the console's text, the script's status and the RT report; otherwise null.</summary>
    public PersonalitiesOutcome? Personalities { get; init; }
}
