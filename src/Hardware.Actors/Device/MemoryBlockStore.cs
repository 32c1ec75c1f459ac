namespace MachActors.Hardware.Device;

/// <summary>
/// Blocks in memory, allocated on first write; a block never written reads as zeros. The default
/// backing of a <see cref="Disk"/>.
/// </summary>
/// <param name="blockSize">Bytes per block.</param>
/// <param name="blockCount">Blocks held.</param>
public sealed class MemoryBlockStore(int blockSize, long blockCount) : IBlockStore
{
    private readonly Dictionary<long, byte[]> _blocks = [];

    /// <summary>A store shaped like <paramref name="geometry"/>.</summary>
    public MemoryBlockStore(DiskGeometry geometry) : this(geometry.BlockSize, geometry.BlockCount) { }

    /// <inheritdoc />
    public int BlockSize { get; } = blockSize;

    /// <inheritdoc />
    public long BlockCount { get; } = blockCount;

    /// <summary>Blocks written at least once.</summary>
    public int AllocatedBlocks => _blocks.Count;

    /// <inheritdoc />
    public IoStatus Read(long block, Span<byte> into)
    {
        for (var i = 0; i * BlockSize < into.Length; i++)
        {
            var target = into.Slice(i * BlockSize, BlockSize);
            if (_blocks.TryGetValue(block + i, out var stored)) stored.CopyTo(target);
            else target.Clear();
        }
        return IoStatus.Success;
    }

    /// <inheritdoc />
    public IoStatus Write(long block, ReadOnlySpan<byte> data)
    {
        for (var i = 0; i * BlockSize < data.Length; i++)
        {
            _blocks[block + i] = data.Slice(i * BlockSize, BlockSize).ToArray();
        }
        return IoStatus.Success;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose() { }
}
