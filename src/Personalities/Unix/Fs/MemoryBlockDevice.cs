namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// A block device in memory, for tests and for a file system that needs no disk: blocks are
/// allocated on first write and a block never written reads as zeros; every call completes at once.
/// Tests can inspect and damage blocks (<see cref="Peek"/>, <see cref="Poke"/>) and make the device
/// fail (<see cref="FailReads"/>, <see cref="FailWrites"/>).
/// </summary>
/// <param name="blockSize">Bytes per block (positive).</param>
/// <param name="blockCount">Blocks on the device (positive).</param>
public sealed class MemoryBlockDevice(int blockSize, long blockCount) : IBlockDevice
{
    private readonly Dictionary<long, byte[]> _blocks = [];

    /// <inheritdoc />
    public int BlockSize { get; } = blockSize > 0 ? blockSize : throw new ArgumentOutOfRangeException(nameof(blockSize));

    /// <inheritdoc />
    public long BlockCount { get; } = blockCount > 0 ? blockCount : throw new ArgumentOutOfRangeException(nameof(blockCount));

    /// <summary>Reads completed successfully.</summary>
    public long Reads { get; private set; }

    /// <summary>Writes completed successfully.</summary>
    public long Writes { get; private set; }

    /// <summary>While true every read answers EIO.</summary>
    public bool FailReads { get; set; }

    /// <summary>While true every write answers EIO.</summary>
    public bool FailWrites { get; set; }

    /// <inheritdoc />
    public Task<Errno> ReadBlock(long block, Memory<byte> into)
    {
        if (!Fits(block, into.Length)) return Task.FromResult(Errno.EINVAL);
        if (FailReads) return Task.FromResult(Errno.EIO);
        if (_blocks.TryGetValue(block, out var stored)) stored.CopyTo(into);
        else into.Span.Clear();
        Reads++;
        return Task.FromResult(Errno.None);
    }

    /// <inheritdoc />
    public Task<Errno> WriteBlock(long block, ReadOnlyMemory<byte> data)
    {
        if (!Fits(block, data.Length)) return Task.FromResult(Errno.EINVAL);
        if (FailWrites) return Task.FromResult(Errno.EIO);
        _blocks[block] = data.ToArray();
        Writes++;
        return Task.FromResult(Errno.None);
    }

    /// <summary>A copy of block <paramref name="block"/> as stored (zeros if never written).</summary>
    public byte[] Peek(long block) => _blocks.TryGetValue(block, out var stored) ? (byte[])stored.Clone() : new byte[BlockSize];

    /// <summary>Overwrites bytes of block <paramref name="block"/> from <paramref name="offset"/> on, bypassing everything (to damage an image in a test).</summary>
    public void Poke(long block, int offset, ReadOnlySpan<byte> bytes)
    {
        if (!_blocks.TryGetValue(block, out var stored)) _blocks[block] = stored = new byte[BlockSize];
        bytes.CopyTo(stored.AsSpan(offset));
    }

    private bool Fits(long block, int length) => block >= 0 && block < BlockCount && length == BlockSize;
}
