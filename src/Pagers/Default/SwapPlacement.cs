using MachActors.Kernel;

namespace MachActors.Pagers.Default;

/// <summary>The answer of <see cref="SwapMap.Place"/>: where a page's bytes go, or why they go nowhere.</summary>
/// <param name="Result">
/// Success: write the page to <paramref name="Slot"/>. MemoryPresent: a data_initialize found a copy
/// already stored and is dropped (first copy wins). NoSpace: no free slot; the page is now lost.
/// The object's poison code (MemoryError, InvalidArgument): the object is poisoned and the data is
/// dropped. InvalidArgument: unknown object or a negative or unaligned offset.
/// </param>
/// <param name="Slot">The slot to write when Success; -1 otherwise.</param>
public readonly record struct SwapPlacement(KernReturn Result, long Slot);
