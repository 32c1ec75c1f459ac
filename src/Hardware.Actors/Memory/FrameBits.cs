namespace MachActors.Hardware.Memory;

/// <summary>The hardware's per-frame bits: set by accesses through <see cref="PhysicalMemory.Read"/> and <see cref="PhysicalMemory.Write"/>, cleared by the kernel.</summary>
[Flags]
public enum FrameBits
{
    /// <summary>Neither bit.</summary>
    None = 0,

    /// <summary>The frame was read or written since the bit was last cleared.</summary>
    Referenced = 1,

    /// <summary>The frame was written since the bit was last cleared.</summary>
    Modified = 2,
}
