using System.Collections.Immutable;
using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The kernel's frame allocator (vm_resident.c): the page queues over the machine's physical memory,
/// both owned by the one <see cref="VmResident"/> actor. It hands frames to VM objects
/// (<see cref="IVmFrames"/>, <see cref="AllocateZeroed"/>) and performs the CPUs' accesses to frame
/// bytes (<see cref="Access"/>), which come to it as messages after a TLB translation. Nothing else
/// touches the bytes, so there is no shared mutable state; every failure is a code.
/// </summary>
public sealed class ResidentMemory : IVmFrames
{
    /// <summary>Allocator over <paramref name="memory"/>, whose frames are all free (the caller hands it over).</summary>
    /// <param name="memory">The machine's physical memory, owned from now on by this allocator.</param>
    /// <param name="freeReserved">Frames kept for privileged allocations (the paging daemon, the default pager).</param>
    public ResidentMemory(PhysicalMemory memory, int freeReserved = PageQueueTargets.CmuFreeReserved)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
        Queues = new PageQueues(memory, freeReserved);
    }

    /// <summary>The physical memory (frames' bytes and their reference and modify bits).</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The page queues (free, active, inactive).</summary>
    public PageQueues Queues { get; }

    /// <summary>Frames handed out and not freed.</summary>
    public int AllocatedCount => Memory.FrameCount - Queues.FreeCount;

    /// <summary>
    /// Takes a free frame for <paramref name="owner"/>, zero-filled and on the active queue (vm_page_grab +
    /// vm_page_zero_fill). Null when no frame may be taken (free queue at or below free_reserved for an
    /// unprivileged caller, or empty).
    /// </summary>
    public VmFrame? AllocateZeroed(PageOwner owner, bool privileged = false) => AllocateFilled(owner, default, privileged);

    /// <summary>
    /// As <see cref="AllocateZeroed"/>, but filled with <paramref name="contents"/> when it is exactly one
    /// page (a page coming in from a pager); default or mis-sized contents give zeros.
    /// </summary>
    public VmFrame? AllocateFilled(PageOwner owner, ImmutableArray<byte> contents, bool privileged = false)
    {
        if (Queues.Allocate(owner, privileged) is not { } frame) return null;
        if (!contents.IsDefault && contents.Length == Memory.PageSize) Memory.WritePage(frame, contents.AsSpan());
        else Memory.ZeroFill(frame);
        Queues.Activate(frame);
        return new VmFrame(frame.Value);
    }

    /// <inheritdoc />
    public bool TryAllocate(ImmutableArray<byte> contents, out VmFrame frame)
    {
        frame = default;
        if (contents.IsDefault || contents.Length != Memory.PageSize) return false;
        if (AllocateZeroed(new PageOwner(0, 0)) is not { } taken) return false;
        Memory.WritePage(ToFrame(taken), contents.AsSpan());
        frame = taken;
        return true;
    }

    /// <inheritdoc />
    public ImmutableArray<byte> Read(VmFrame frame)
    {
        var bytes = new byte[Memory.PageSize];
        return Memory.ReadPage(ToFrame(frame), bytes) == MemoryStatus.Success ? [.. bytes] : [];
    }

    /// <summary>
    /// The bytes of <paramref name="frame"/> and whether a CPU wrote it since the bit was last cleared;
    /// the modify bit is cleared (the caller now owns the dirtiness, e.g. a lock_request's clean).
    /// </summary>
    public FrameContents Snapshot(VmFrame frame)
    {
        var number = ToFrame(frame);
        var modified = (Memory.GetBits(number) & FrameBits.Modified) != 0;
        Memory.ClearBits(number, FrameBits.Modified);
        return new FrameContents(frame, modified, Read(frame));
    }

    /// <summary>Whether a CPU wrote <paramref name="frame"/> since its modify bit was last cleared (the bit is left).</summary>
    public bool Modified(VmFrame frame) => (Memory.GetBits(ToFrame(frame)) & FrameBits.Modified) != 0;

    /// <inheritdoc />
    public void Free(VmFrame frame)
    {
        Queues.Free(ToFrame(frame));
    }

    /// <summary>
    /// A CPU's access through a TLB entry: reads <see cref="MemoryAccess.Length"/> bytes, or writes
    /// <see cref="MemoryAccess.Data"/>, at the offset in the frame; sets the reference (and modify) bit.
    /// Refused with the memory's code for a frame or range outside memory.
    /// </summary>
    public MemoryAccessDone Access(MemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var frame = access.Frame;
        if (access.IsWrite)
        {
            return new MemoryAccessDone(access.CallId, Memory.Write(frame, access.Offset, access.Data.AsSpan()), []);
        }
        if (access.Length < 0) return new MemoryAccessDone(access.CallId, MemoryStatus.OutOfBounds, []);
        var into = new byte[access.Length];
        var status = Memory.Read(frame, access.Offset, into);
        return new MemoryAccessDone(access.CallId, status, status == MemoryStatus.Success ? [.. into] : []);
    }

    /// <summary>The physical frame of a handle this allocator gave out.</summary>
    public static FrameNumber ToFrame(VmFrame frame) => new((int)frame.Id);
}
