namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// What a disk file system stores its blocks on: <see cref="BlockCount"/> blocks of
/// <see cref="BlockSize"/> bytes, read and written whole. Asynchronous because the device may be the
/// machine's Disk reached through device ports (<see cref="MachDiskBlockDevice"/>); an in-memory one
/// (<see cref="MemoryBlockDevice"/>) completes at once. Failures are an <see cref="Errno"/>, never an
/// exception: EINVAL for a block outside the device or a buffer of the wrong size, EIO when the device failed.
/// </summary>
public interface IBlockDevice
{
    /// <summary>Bytes per block.</summary>
    int BlockSize { get; }

    /// <summary>Blocks on the device.</summary>
    long BlockCount { get; }

    /// <summary>Fills <paramref name="into"/> (exactly <see cref="BlockSize"/> bytes) with block <paramref name="block"/>.</summary>
    Task<Errno> ReadBlock(long block, Memory<byte> into);

    /// <summary>Stores <paramref name="data"/> (exactly <see cref="BlockSize"/> bytes) as block <paramref name="block"/>.</summary>
    Task<Errno> WriteBlock(long block, ReadOnlyMemory<byte> data);
}
