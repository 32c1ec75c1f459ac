namespace MachActors.Kernel;

/// <summary>Virtual memory counters of a machine (<see cref="MachineStatus.Vm"/>).</summary>
/// <param name="Faults">Page faults the tasks took to a VM object (TLB and pmap misses that needed the object).</param>
/// <param name="ZeroFills">Frames handed out zero-filled (a first touch of anonymous memory, or data_unavailable).</param>
/// <param name="Pageins">Frames handed out filled with a pager's data (data_supply).</param>
/// <param name="Pageouts">Dirty pages the paging daemon sent to be paged out (data_return).</param>
/// <param name="FreeFrames">Free frames now (-1 before the resident memory started).</param>
/// <param name="MinFreeFrames">The fewest free frames seen since boot (-1 before the resident memory started).</param>
public sealed record VmCounts(long Faults, long ZeroFills, long Pageins, long Pageouts, int FreeFrames, int MinFreeFrames);
