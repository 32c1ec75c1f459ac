namespace MachActors.Kernel;

/// <summary>Virtual memory counters of a machine (<see cref="MachineStatus.Vm"/>).</summary>
/// <param name="Faults">Page faults the tasks took to a VM object (TLB and pmap misses that needed the object).</param>
/// <param name="ZeroFills">Frames handed out zero-filled (a first touch of anonymous memory, or data_unavailable).</param>
/// <param name="Pageins">Frames handed out filled with a pager's data (data_supply).</param>
/// <param name="Pageouts">Dirty pages the paging daemon sent to be paged out (data_return).</param>
/// <param name="FreeFrames">Free frames now (-1 before the resident memory started).</param>
/// <param name="MinFreeFrames">The fewest free frames seen since boot (-1 before the resident memory started).</param>
/// <param name="Unwritten">Pages paged out to the default pager and not yet written to swap (or otherwise settled) now: part of the paging daemon's laundry.</param>
/// <param name="MaxUnwritten">The most such pages at once since boot (at most the laundry limit: the daemon waits for the swap disk).</param>
/// <param name="LiveObjects">VM object actors that exist now (made and not yet ended; a shadow chain that collapses shrinks it).</param>
public sealed record VmCounts(long Faults, long ZeroFills, long Pageins, long Pageouts, int FreeFrames, int MinFreeFrames, int Unwritten = 0, int MaxUnwritten = 0, long LiveObjects = 0);
