using System.Buffers.Binary;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// One inode of the disk file system as it sits in the inode table: 64 bytes, little-endian —
/// kind (u16; 0 = free, else a <see cref="FileKind"/>), links (u16), size in bytes (u32),
/// <see cref="DirectCount"/> direct block pointers (u32 each), one single-indirect pointer (u32), a
/// spare word. Pointer 0 is "no block" (a hole reads as zeros): block 0 is the superblock, never data.
/// A mutable working copy: read it, change it, write it back.
/// </summary>
public sealed class DiskInode
{
    /// <summary>Bytes of one inode in the table.</summary>
    public const int Size = 64;

    /// <summary>Direct block pointers.</summary>
    public const int DirectCount = 12;

    /// <summary>The kind, or null for a free slot.</summary>
    public FileKind? Kind { get; set; }

    /// <summary>Directory entries naming the node.</summary>
    public int Links { get; set; }

    /// <summary>Bytes (a directory: its slots x <see cref="DiskDirectory.EntrySize"/>).</summary>
    public long Length { get; set; }

    /// <summary>The first <see cref="DirectCount"/> blocks of the node's data (0: none).</summary>
    public uint[] Direct { get; } = new uint[DirectCount];

    /// <summary>The block of further pointers (0: none).</summary>
    public uint Indirect { get; set; }

    /// <summary>Whether the slot is in use.</summary>
    public bool InUse => Kind is not null;

    /// <summary>Pointers an indirect block of <paramref name="blockSize"/> bytes holds.</summary>
    public static int PointersPerBlock(int blockSize) => blockSize / 4;

    /// <summary>The largest file: (direct + one indirect block of pointers) x the block size.</summary>
    public static long MaxFileSize(int blockSize) => (long)(DirectCount + PointersPerBlock(blockSize)) * blockSize;

    /// <summary>Reads the 64 bytes of a slot; <paramref name="rawKind"/> is the kind word as stored (Kind is null only for 0; an unknown word is cast as is, so check it with <see cref="KnownKind"/>).</summary>
    public static DiskInode Decode(ReadOnlySpan<byte> slot, out int rawKind)
    {
        rawKind = BinaryPrimitives.ReadUInt16LittleEndian(slot);
        var node = new DiskInode
        {
            Kind = rawKind == 0 ? null : (FileKind)rawKind,
            Links = BinaryPrimitives.ReadUInt16LittleEndian(slot[2..]),
            Length = BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]),
            Indirect = BinaryPrimitives.ReadUInt32LittleEndian(slot[(8 + 4 * DirectCount)..]),
        };
        for (var i = 0; i < DirectCount; i++) node.Direct[i] = BinaryPrimitives.ReadUInt32LittleEndian(slot[(8 + 4 * i)..]);
        return node;
    }

    /// <summary>Whether a raw kind read from disk is one this code knows (or 0, free).</summary>
    public static bool KnownKind(int rawKind) => rawKind is 0 or (int)FileKind.Regular or (int)FileKind.Directory or (int)FileKind.CharDevice;

    /// <summary>Writes the inode into its 64-byte slot.</summary>
    public void Encode(Span<byte> slot)
    {
        slot[..Size].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)(Kind is { } k ? (int)k : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], (ushort)Links);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], (uint)Length);
        for (var i = 0; i < DirectCount; i++) BinaryPrimitives.WriteUInt32LittleEndian(slot[(8 + 4 * i)..], Direct[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[(8 + 4 * DirectCount)..], Indirect);
    }
}
