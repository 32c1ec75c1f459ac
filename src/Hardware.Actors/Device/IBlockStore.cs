namespace MachActors.Hardware.Device;

/// <summary>
/// Where a disk's blocks live. Only the owning <see cref="Disk"/> calls it, one call at a time, after
/// it has checked the range. Failures of the medium are <see cref="IoStatus.IoError"/>, never exceptions.
/// </summary>
public interface IBlockStore : IDisposable
{
    /// <summary>Bytes per block.</summary>
    int BlockSize { get; }

    /// <summary>Blocks held.</summary>
    long BlockCount { get; }

    /// <summary>Fills <paramref name="into"/> (a whole number of blocks) from block <paramref name="block"/> on.</summary>
    IoStatus Read(long block, Span<byte> into);

    /// <summary>Stores <paramref name="data"/> (a whole number of blocks) from block <paramref name="block"/> on.</summary>
    IoStatus Write(long block, ReadOnlySpan<byte> data);
}
