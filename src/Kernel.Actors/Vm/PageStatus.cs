namespace MachActors.Kernel.Vm;

/// <summary>The result of a <see cref="PageQueues"/> call on one frame.</summary>
public enum PageStatus
{
    /// <summary>Done.</summary>
    Success = 0,

    /// <summary>No such frame.</summary>
    InvalidFrame = 1,

    /// <summary>The frame is free (it must be allocated first).</summary>
    FrameFree = 2,

    /// <summary>The page is wired and stays on no queue.</summary>
    Wired = 3,

    /// <summary>The frame is not being evicted (<see cref="PageQueues.CompleteUnmap"/> without a <see cref="ScanAction.Unmap"/>).</summary>
    NotEvicting = 4,
}
