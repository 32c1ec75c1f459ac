namespace MachActors.Hardware.Memory;

/// <summary>
/// The machine's physical memory: <see cref="FrameCount"/> frames of <see cref="PageSize"/> bytes,
/// all zeros at first, with a reference and a modify bit per frame. Accesses by the CPU
/// (<see cref="Read"/>, <see cref="Write"/>) set the bits; the kernel's own transfers
/// (<see cref="ZeroFill"/>, <see cref="CopyFrame"/>, <see cref="ReadPage"/>, <see cref="WritePage"/>)
/// leave them alone, and only the kernel clears them. There is no allocation policy here: which frame
/// holds what is the kernel's page queues' business. Every failure is a <see cref="MemoryStatus"/>.
/// </summary>
public sealed class PhysicalMemory
{
    // A frame never written (or zero-filled since) has no array and reads as zeros.
    private readonly byte[]?[] _frames;
    private readonly FrameBits[] _bits;

    /// <summary>A memory of <paramref name="frameCount"/> zeroed frames of <paramref name="pageSize"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not a positive power of two or the frame count is not positive (a configuration error, which <see cref="MachineConfig.Validate"/> reports first).</exception>
    public PhysicalMemory(int pageSize, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        if ((pageSize & (pageSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "page size must be a power of two");
        PageSize = pageSize;
        FrameCount = frameCount;
        _frames = new byte[]?[frameCount];
        _bits = new FrameBits[frameCount];
    }

    /// <summary>The memory a machine of <paramref name="config"/> has (its page size and frame count).</summary>
    public static PhysicalMemory Create(MachineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PhysicalMemory(config.PageSize, config.FrameCount) { SeededBugs = config.SeededBugs };
    }

    /// <summary>Test-only: the machine's seeded bugs (the page queues read them); none by default.</summary>
    internal SeededBugs SeededBugs { get; init; }

    /// <summary>Bytes per frame.</summary>
    public int PageSize { get; }

    /// <summary>Frames in all.</summary>
    public int FrameCount { get; }

    /// <summary>Frames backed by host memory (written since they were last zero-filled); the rest read as zeros.</summary>
    public int MaterializedFrames => _frames.Count(f => f is not null);

    /// <summary>Whether <paramref name="frame"/> is a frame of this memory.</summary>
    public bool Contains(FrameNumber frame) => frame.Value >= 0 && frame.Value < FrameCount;

    /// <summary>
    /// CPU access: copies <c>into.Length</c> bytes of <paramref name="frame"/> from <paramref name="offset"/>
    /// into <paramref name="into"/> and sets the frame's reference bit. Refused (nothing copied, no bit
    /// set) for a frame not in this memory or a range outside the frame.
    /// </summary>
    public MemoryStatus Read(FrameNumber frame, int offset, Span<byte> into)
    {
        var status = Check(frame, offset, into.Length);
        if (status != MemoryStatus.Success) return status;
        CopyOut(frame, offset, into);
        _bits[frame.Value] |= FrameBits.Referenced;
        return MemoryStatus.Success;
    }

    /// <summary>
    /// CPU access: copies <paramref name="data"/> into <paramref name="frame"/> at <paramref name="offset"/>
    /// and sets the frame's reference and modify bits. Refused like <see cref="Read"/>.
    /// </summary>
    public MemoryStatus Write(FrameNumber frame, int offset, ReadOnlySpan<byte> data)
    {
        var status = Check(frame, offset, data.Length);
        if (status != MemoryStatus.Success) return status;
        data.CopyTo(Materialize(frame).AsSpan(offset));
        _bits[frame.Value] |= FrameBits.Referenced | FrameBits.Modified;
        return MemoryStatus.Success;
    }

    /// <summary>Kernel transfer: copies the whole of <paramref name="frame"/> into <paramref name="into"/> (exactly one page long). Bits unchanged.</summary>
    public MemoryStatus ReadPage(FrameNumber frame, Span<byte> into)
    {
        if (!Contains(frame)) return MemoryStatus.InvalidFrame;
        if (into.Length != PageSize) return MemoryStatus.OutOfBounds;
        CopyOut(frame, 0, into);
        return MemoryStatus.Success;
    }

    /// <summary>Kernel transfer: replaces the whole of <paramref name="frame"/> with <paramref name="data"/> (exactly one page long). Bits unchanged.</summary>
    public MemoryStatus WritePage(FrameNumber frame, ReadOnlySpan<byte> data)
    {
        if (!Contains(frame)) return MemoryStatus.InvalidFrame;
        if (data.Length != PageSize) return MemoryStatus.OutOfBounds;
        data.CopyTo(Materialize(frame));
        return MemoryStatus.Success;
    }

    /// <summary>Kernel transfer: sets every byte of <paramref name="frame"/> to zero. Bits unchanged.</summary>
    public MemoryStatus ZeroFill(FrameNumber frame)
    {
        if (!Contains(frame)) return MemoryStatus.InvalidFrame;
        _frames[frame.Value] = null;
        return MemoryStatus.Success;
    }

    /// <summary>Kernel transfer: copies the bytes of <paramref name="from"/> over those of <paramref name="to"/> (the same frame is a no-op). Bits unchanged.</summary>
    public MemoryStatus CopyFrame(FrameNumber from, FrameNumber to)
    {
        if (!Contains(from) || !Contains(to)) return MemoryStatus.InvalidFrame;
        if (from == to) return MemoryStatus.Success;
        if (_frames[from.Value] is { } source) source.CopyTo(Materialize(to), 0);
        else _frames[to.Value] = null;
        return MemoryStatus.Success;
    }

    /// <summary>The reference and modify bits of <paramref name="frame"/>; <see cref="FrameBits.None"/> for a frame not in this memory.</summary>
    public FrameBits GetBits(FrameNumber frame) => Contains(frame) ? _bits[frame.Value] : FrameBits.None;

    /// <summary>Kernel: clears the given <paramref name="bits"/> of <paramref name="frame"/>, leaving the others.</summary>
    public MemoryStatus ClearBits(FrameNumber frame, FrameBits bits)
    {
        if (!Contains(frame)) return MemoryStatus.InvalidFrame;
        _bits[frame.Value] &= ~bits;
        return MemoryStatus.Success;
    }

    private MemoryStatus Check(FrameNumber frame, int offset, int length)
    {
        if (!Contains(frame)) return MemoryStatus.InvalidFrame;
        // offset + length cannot overflow: both are checked against PageSize first.
        if (offset < 0 || offset > PageSize || length > PageSize - offset) return MemoryStatus.OutOfBounds;
        return MemoryStatus.Success;
    }

    private void CopyOut(FrameNumber frame, int offset, Span<byte> into)
    {
        if (_frames[frame.Value] is { } bytes) bytes.AsSpan(offset, into.Length).CopyTo(into);
        else into.Clear();
    }

    private byte[] Materialize(FrameNumber frame) => _frames[frame.Value] ??= new byte[PageSize];
}
