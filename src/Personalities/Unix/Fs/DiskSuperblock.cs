using System.Buffers.Binary;
using System.Globalization;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// The superblock of the disk file system (block 0; docs/UNIX-FS.md "Layout"): eleven little-endian
/// 32-bit words, then a CRC-32 of those 44 bytes. Plain data: <see cref="Plan"/> computes a layout,
/// <see cref="Encode"/> and <see cref="Decode"/> convert, <see cref="Validate"/> names the first thing
/// wrong with a superblock read from a device.
/// </summary>
/// <param name="Magic">Always <see cref="MagicValue"/>.</param>
/// <param name="Version">Always <see cref="CurrentVersion"/>.</param>
/// <param name="BlockSize">Bytes per block (the device's block size).</param>
/// <param name="BlockCount">Blocks of the file system (at most the device's).</param>
/// <param name="InodeCount">Inode slots, 0 (never used) to InodeCount - 1.</param>
/// <param name="BitmapStart">First block of the free-block bitmap (always 1).</param>
/// <param name="BitmapBlocks">Blocks of the bitmap (one bit per block of the file system).</param>
/// <param name="InodeStart">First block of the inode table.</param>
/// <param name="InodeBlocks">Blocks of the inode table.</param>
/// <param name="DataStart">First data block (everything before it is metadata).</param>
/// <param name="RootInode">The root directory's inode (always 1).</param>
public sealed record DiskSuperblock(
    uint Magic, uint Version, int BlockSize, long BlockCount, int InodeCount,
    long BitmapStart, long BitmapBlocks, long InodeStart, long InodeBlocks, long DataStart, int RootInode)
{
    /// <summary>"MAFS" read as a little-endian word.</summary>
    public const uint MagicValue = 0x5346414D;

    /// <summary>The only layout version this code reads and writes.</summary>
    public const uint CurrentVersion = 1;

    /// <summary>Bytes the checksum covers (the eleven words before it).</summary>
    public const int ChecksumOffset = 44;

    /// <summary>The smallest block size (an inode and a directory entry must fit many times).</summary>
    public const int MinBlockSize = 128;

    /// <summary>
    /// The layout of a file system of <paramref name="blockCount"/> blocks of <paramref name="blockSize"/>
    /// bytes with at least <paramref name="inodes"/> inodes (default: one per 4 blocks, 16 to 65,536;
    /// rounded up to fill the table's last block). Null when the blocks are too few or too small to hold
    /// the metadata and a root directory block.
    /// </summary>
    public static DiskSuperblock? Plan(int blockSize, long blockCount, int? inodes = null)
    {
        if (blockSize < MinBlockSize || blockSize % DiskInode.Size != 0 || blockCount < 4 || blockCount > uint.MaxValue) return null;
        var wanted = inodes ?? (int)Math.Clamp(blockCount / 4, 16, 65_536);
        if (wanted < 2) return null;
        var perBlock = blockSize / DiskInode.Size;
        var inodeBlocks = (wanted + perBlock - 1) / perBlock;
        var bitmapBlocks = (blockCount + 8L * blockSize - 1) / (8L * blockSize);
        var plan = new DiskSuperblock(MagicValue, CurrentVersion, blockSize, blockCount, checked(inodeBlocks * perBlock),
            1, bitmapBlocks, 1 + bitmapBlocks, inodeBlocks, 1 + bitmapBlocks + inodeBlocks, 1);
        return plan.DataStart < blockCount ? plan : null;
    }

    /// <summary>The superblock as block 0's bytes (<see cref="BlockSize"/> long; the rest zeros).</summary>
    public byte[] Encode()
    {
        var block = new byte[BlockSize];
        var s = block.AsSpan();
        uint[] words = [Magic, Version, (uint)BlockSize, (uint)BlockCount, (uint)InodeCount,
            (uint)BitmapStart, (uint)BitmapBlocks, (uint)InodeStart, (uint)InodeBlocks, (uint)DataStart, (uint)RootInode];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(s[(4 * i)..], words[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[ChecksumOffset..], Crc32.Of(s[..ChecksumOffset]));
        return block;
    }

    /// <summary>Reads the words of block 0 (at least 48 bytes) as they are, without checking them.</summary>
    public static (DiskSuperblock Superblock, uint StoredChecksum, uint ComputedChecksum) Decode(ReadOnlySpan<byte> block)
    {
        var w = new uint[12];
        for (var i = 0; i < w.Length; i++) w[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        uint W(int i) => w[i];
        var sb = new DiskSuperblock(W(0), W(1), (int)Math.Min(W(2), int.MaxValue), W(3), (int)Math.Min(W(4), int.MaxValue),
            W(5), W(6), W(7), W(8), W(9), (int)Math.Min(W(10), int.MaxValue));
        return (sb, W(11), Crc32.Of(block[..ChecksumOffset]));
    }

    /// <summary>
    /// The first thing wrong with block 0 of a device of <paramref name="deviceBlocks"/> blocks of
    /// <paramref name="deviceBlockSize"/> bytes, in words; null when it describes a file system this code
    /// can mount. Checked in order: magic, version, checksum, block size, counts against the disk, and the
    /// regions against the layout <see cref="Plan"/> gives for those counts.
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> block, int deviceBlockSize, long deviceBlocks)
    {
        var inv = CultureInfo.InvariantCulture;
        if (block.Length < ChecksumOffset + 4) return string.Create(inv, $"block 0 holds {block.Length} bytes, too few for a superblock");
        var (sb, stored, computed) = Decode(block);
        if (sb.Magic != MagicValue) return string.Create(inv, $"bad magic 0x{sb.Magic:X8} in the superblock (expected 0x{MagicValue:X8}, \"MAFS\"): not a MachActors file system");
        if (sb.Version != CurrentVersion) return string.Create(inv, $"unsupported file system version {sb.Version} (this build reads version {CurrentVersion})");
        if (stored != computed) return string.Create(inv, $"superblock checksum mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}");
        if (sb.BlockSize != deviceBlockSize) return string.Create(inv, $"the superblock's block size {sb.BlockSize} is not the device's {deviceBlockSize}");
        if (sb.BlockCount > deviceBlocks) return string.Create(inv, $"the superblock counts {sb.BlockCount} blocks, beyond the disk's {deviceBlocks}");
        if (sb.InodeCount < 2 || (long)sb.InodeCount * DiskInode.Size > sb.BlockCount * (long)sb.BlockSize)
        {
            return string.Create(inv, $"the superblock counts {sb.InodeCount} inodes, which do not fit the file system's {sb.BlockCount} blocks");
        }
        var plan = Plan(sb.BlockSize, sb.BlockCount, sb.InodeCount);
        if (plan is null || plan != sb)
        {
            return string.Create(inv, $"the superblock's regions (bitmap {sb.BitmapStart}+{sb.BitmapBlocks}, inodes {sb.InodeStart}+{sb.InodeBlocks}, data from {sb.DataStart}, root {sb.RootInode}) do not match its counts");
        }
        return null;
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit: only the superblock uses it.</summary>
internal static class Crc32
{
    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
