using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>A snapshot of one frame's state in <see cref="PageQueues"/>.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Queue">The queue it is on.</param>
/// <param name="Owner">The object page it holds (default when free).</param>
/// <param name="Flags">Its software flags.</param>
/// <param name="Evicting">Whether the daemon chose it for eviction and waits for <see cref="PageQueues.CompleteUnmap"/>.</param>
public readonly record struct PageInfo(FrameNumber Frame, PageQueue Queue, PageOwner Owner, PageFlags Flags, bool Evicting);
