using MachActors.Kernel;

namespace MachActors.Pagers.Default;

/// <summary>The answer of <see cref="SwapMap.Lookup"/> and <see cref="SwapMap.Place"/>.</summary>
/// <param name="State">What is known of the page.</param>
/// <param name="Slot">The page's swap slot when <see cref="SwapPageState.Stored"/>; -1 otherwise.</param>
/// <param name="Error">The code a request for the page is answered with when <see cref="SwapPageState.Lost"/> or <see cref="SwapPageState.Poisoned"/>; Success otherwise.</param>
public readonly record struct SwapLookup(SwapPageState State, long Slot, KernReturn Error);
