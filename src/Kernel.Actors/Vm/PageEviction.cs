using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>One eviction the paging daemon started: the frame and the object page it held.</summary>
/// <param name="Token">Names the eviction in the messages about it (never reused).</param>
/// <param name="Frame">The frame.</param>
/// <param name="Owner">The object page it held.</param>
public sealed record PageEviction(long Token, FrameNumber Frame, PageOwner Owner);
