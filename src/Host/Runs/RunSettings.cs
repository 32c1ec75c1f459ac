using MachActors.Actors.Timing;

namespace MachActors.Host.Runs;

/// <summary>How <c>machactors run</c> boots and drives the machine, as chosen on the command line (already validated).</summary>
/// <param name="Cpus">Processors.</param>
/// <param name="Workload">The built-in workload's name.</param>
/// <param name="Seed">Seed of the controlled dispatcher's random strategy (and of the parallel dispatcher's choices).</param>
/// <param name="Parallel">True for the parallel dispatcher, false for the controlled one.</param>
/// <param name="Affinity">Affinity scheduling: a woken thread prefers the idle CPU it last ran on.</param>
/// <param name="Trace">Keep every runtime trace event so it can be printed.</param>
/// <param name="MaxTime">Virtual time after which the run stops even if threads are left.</param>
/// <param name="Frames">Physical frames; null: the workload's default (64 for one that needs swap, else the machine's 1024).</param>
/// <param name="SwapBlocks">Blocks of the swap disk; null: sized for the frames. Giving it adds swap to any workload.</param>
/// <param name="Pager">The pager plugin (<c>PATH.dll:Namespace.Type</c>, already checked to load) serving the <c>pager</c> workload's memory object; null: the built-in memory pager.</param>
internal sealed record RunSettings(
    int Cpus, string Workload, ulong Seed, bool Parallel, bool Affinity, bool Trace, Duration MaxTime, int? Frames = null, long? SwapBlocks = null, string? Pager = null);
