using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Host.Runs;

/// <summary>Boots the machine, runs one workload until its threads end or the time limit, and gathers the report.</summary>
internal static class MachineRunner
{
    /// <summary>
    /// Virtual time between two stops of a run (<see cref="MachineRun.Step"/>): the free frame count is
    /// sampled after each on a machine with swap, and the live progress is redrawn.
    /// </summary>
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
    /// Runs <paramref name="settings"/>' workload from <paramref name="workloads"/> to its end, in stops
    /// of <see cref="SampleInterval"/> (or <paramref name="slice"/>); <paramref name="trace"/>, if any,
    /// sees every runtime event. Under the controlled dispatcher the report is a pure function of the
    /// settings, whatever the slice. Throws when the machine cannot start the workload (the caller reports it).
    /// </summary>
    public static MachineReport Execute(RunSettings settings, ProgramRegistry workloads, ITraceSink? trace = null, Duration? slice = null)
    {
        using var run = MachineRun.Start(settings, workloads, trace, slice);
        while (!run.Done) run.Step();
        return run.Finish();
    }
}
