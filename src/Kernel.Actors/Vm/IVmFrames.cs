using System.Collections.Immutable;

namespace MachActors.Kernel.Vm;

/// <summary>
/// Physical frames as a VM object sees them; the hosting actor provides them (the page queues own
/// the frames). A freed frame is reused only after every mapping of it was shot down (docs/VM.md rule 5):
/// that is the provider's business, the object only says it no longer holds the frame.
/// </summary>
public interface IVmFrames
{
    /// <summary>Takes a free frame and fills it with <paramref name="contents"/> (exactly one page).</summary>
    /// <param name="contents">The page's bytes.</param>
    /// <param name="frame">The frame, when one was free.</param>
    /// <returns>False when no frame is free (the object treats the page as not delivered).</returns>
    bool TryAllocate(ImmutableArray<byte> contents, out VmFrame frame);

    /// <summary>The current bytes of <paramref name="frame"/> (a copy: data_return carries it out of line).</summary>
    /// <param name="frame">A frame the object holds.</param>
    ImmutableArray<byte> Read(VmFrame frame);

    /// <summary>The object no longer holds <paramref name="frame"/>.</summary>
    /// <param name="frame">A frame the object held.</param>
    void Free(VmFrame frame);
}
