namespace MachActors.Hardware.Memory;

/// <summary>The result of an operation on <see cref="PhysicalMemory"/>: success or why it was refused.</summary>
public enum MemoryStatus
{
    /// <summary>Done.</summary>
    Success = 0,

    /// <summary>The frame number is not a frame of this memory.</summary>
    InvalidFrame = 1,

    /// <summary>The offset or length reaches outside the frame (or the buffer is not one page for a whole-page transfer).</summary>
    OutOfBounds = 2,
}
