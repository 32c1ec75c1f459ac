using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>A paging daemon decision about one frame.</summary>
/// <param name="Action">What was decided.</param>
/// <param name="Frame">The frame (meaningless for <see cref="ScanAction.Empty"/>).</param>
/// <param name="Owner">The object page the frame held (for a pageout: the page to send).</param>
public readonly record struct ScanDecision(ScanAction Action, FrameNumber Frame, PageOwner Owner);
