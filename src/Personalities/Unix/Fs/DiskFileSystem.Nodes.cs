using System.Buffers.Binary;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>Inodes, the free-block bitmap and the block map of a file (direct and single-indirect pointers).</summary>
public sealed partial class DiskFileSystem
{
    private int InodesPerBlock => BlockSize / DiskInode.Size;

    private int PointersPerBlock => DiskInode.PointersPerBlock(BlockSize);

    private bool IsDataBlock(long block) => block >= Superblock.DataStart && block < Superblock.BlockCount;

    /// <summary>The inode slot <paramref name="ino"/> as stored (ENOENT outside the table), with its raw kind word.</summary>
    private async Task<(Errno Error, DiskInode? Node, int RawKind)> ReadInodeRaw(long ino)
    {
        if (ino < 1 || ino >= Superblock.InodeCount) return (Errno.ENOENT, null, 0);
        var (error, block) = await Cache.Get(Superblock.InodeStart + ino / InodesPerBlock);
        if (error != Errno.None) return (error, null, 0);
        var node = DiskInode.Decode(block.AsSpan((int)(ino % InodesPerBlock) * DiskInode.Size, DiskInode.Size), out var raw);
        return (Errno.None, node, raw);
    }

    /// <summary>The node <paramref name="ino"/> in use: ENOENT when out of range or free; EIO for an unknown kind (damage).</summary>
    private async Task<(Errno Error, DiskInode? Node)> LiveInode(long ino)
    {
        var (error, node, raw) = await ReadInodeRaw(ino);
        if (error != Errno.None) return (error, null);
        if (!DiskInode.KnownKind(raw)) return (Errno.EIO, null);
        return node!.InUse ? (Errno.None, node) : (Errno.ENOENT, null);
    }

    /// <summary>Stores <paramref name="node"/> as inode <paramref name="ino"/> (in the cache).</summary>
    private async Task<Errno> WriteInode(long ino, DiskInode node)
    {
        var at = Superblock.InodeStart + ino / InodesPerBlock;
        var (error, block) = await Cache.Get(at);
        if (error != Errno.None) return error;
        node.Encode(block.AsSpan((int)(ino % InodesPerBlock) * DiskInode.Size, DiskInode.Size));
        Cache.MarkDirty(at);
        return Errno.None;
    }

    /// <summary>Takes the lowest free inode and stores <paramref name="node"/> there; ENOSPC when none is free.</summary>
    private async Task<(Errno Error, long Inode)> AllocInode(DiskInode node)
    {
        if (FreeInodes == 0) return (Errno.ENOSPC, 0);
        for (long ino = 1; ino < Superblock.InodeCount; ino++)
        {
            var (error, slot, raw) = await ReadInodeRaw(ino);
            if (error != Errno.None) return (error, 0);
            if (raw != 0 || slot!.InUse) continue;
            if (await WriteInode(ino, node) is not Errno.None and var writeError) return (writeError, 0);
            FreeInodes--;
            return (Errno.None, ino);
        }
        return (Errno.ENOSPC, 0);
    }

    /// <summary>Frees inode <paramref name="ino"/> (its blocks must be freed already).</summary>
    private async Task<Errno> FreeInode(long ino)
    {
        if (await WriteInode(ino, new DiskInode()) is not Errno.None and var error) return error;
        FreeInodes++;
        return Errno.None;
    }

    /// <summary>Whether the bitmap marks block <paramref name="block"/> used.</summary>
    private async Task<(Errno Error, bool Used)> BitOf(long block)
    {
        var bits = 8L * BlockSize;
        var (error, map) = await Cache.Get(Superblock.BitmapStart + block / bits);
        if (error != Errno.None) return (error, false);
        var bit = block % bits;
        return (Errno.None, (map[bit / 8] & (1 << (int)(bit % 8))) != 0);
    }

    /// <summary>Marks block <paramref name="block"/> used or free in the bitmap.</summary>
    private async Task<Errno> SetBit(long block, bool used)
    {
        var bits = 8L * BlockSize;
        var at = Superblock.BitmapStart + block / bits;
        var (error, map) = await Cache.Get(at);
        if (error != Errno.None) return error;
        var bit = block % bits;
        var mask = (byte)(1 << (int)(bit % 8));
        map[bit / 8] = used ? (byte)(map[bit / 8] | mask) : (byte)(map[bit / 8] & ~mask);
        Cache.MarkDirty(at);
        return Errno.None;
    }

    /// <summary>Takes the lowest free data block (first fit), marks it used and holds it zeroed in the cache; ENOSPC when none is free.</summary>
    private async Task<(Errno Error, long Block)> AllocBlock()
    {
        if (FreeBlocks == 0) return (Errno.ENOSPC, 0);
        var bits = 8L * BlockSize;
        for (var at = Superblock.DataStart / bits; at < Superblock.BitmapBlocks; at++)
        {
            var (error, map) = await Cache.Get(Superblock.BitmapStart + at);
            if (error != Errno.None) return (error, 0);
            for (var i = 0; i < map.Length; i++)
            {
                if (map[i] == 0xFF) continue;
                for (var bit = 0; bit < 8; bit++)
                {
                    var block = at * bits + i * 8L + bit;
                    if ((map[i] & (1 << bit)) != 0 || block < Superblock.DataStart) continue;
                    if (block >= Superblock.BlockCount) return (Errno.ENOSPC, 0);
                    return await TakeBlock(block);
                }
            }
        }
        return (Errno.ENOSPC, 0);
    }

    private async Task<(Errno Error, long Block)> TakeBlock(long block)
    {
        if (SeededBug != DiskFsSeededBug.AllocatorForgetsToMarkBlocks && await SetBit(block, true) is not Errno.None and var error) return (error, 0);
        var (zeroError, _) = await Cache.GetZeroed(block);
        if (zeroError != Errno.None) return (zeroError, 0);
        FreeBlocks--;
        return (Errno.None, block);
    }

    /// <summary>Returns block <paramref name="block"/> to the bitmap and drops it from the cache.</summary>
    private async Task<Errno> FreeBlock(long block)
    {
        if (await SetBit(block, false) is not Errno.None and var error) return error;
        Cache.Forget(block);
        FreeBlocks++;
        return Errno.None;
    }

    /// <summary>
    /// The device block holding block <paramref name="index"/> of <paramref name="node"/>'s data (0: a hole).
    /// With <paramref name="allocate"/> a hole gets a new zeroed block (and the indirect block one when
    /// needed), recorded in <paramref name="node"/> (the caller writes the inode back) or in the indirect
    /// block. EFBIG past the largest file; EIO for a pointer outside the data blocks (damage).
    /// </summary>
    private async Task<(Errno Error, long Block)> MapBlock(DiskInode node, long index, bool allocate)
    {
        if (index < DiskInode.DirectCount)
        {
            long direct = node.Direct[index];
            if (direct != 0) return IsDataBlock(direct) ? (Errno.None, direct) : (Errno.EIO, 0);
            if (!allocate) return (Errno.None, 0);
            var (error, fresh) = await AllocBlock();
            if (error == Errno.None) node.Direct[index] = (uint)fresh;
            return (error, fresh);
        }
        var slot = index - DiskInode.DirectCount;
        if (slot >= PointersPerBlock) return (Errno.EFBIG, 0);
        if (node.Indirect == 0)
        {
            if (!allocate) return (Errno.None, 0);
            var (error, indirect) = await AllocBlock();
            if (error != Errno.None) return (error, 0);
            node.Indirect = (uint)indirect;
        }
        if (!IsDataBlock(node.Indirect)) return (Errno.EIO, 0);
        var (readError, pointers) = await Cache.Get(node.Indirect);
        if (readError != Errno.None) return (readError, 0);
        long pointer = BinaryPrimitives.ReadUInt32LittleEndian(pointers.AsSpan((int)slot * 4));
        if (pointer != 0) return IsDataBlock(pointer) ? (Errno.None, pointer) : (Errno.EIO, 0);
        if (!allocate) return (Errno.None, 0);
        var (allocError, block) = await AllocBlock();
        if (allocError != Errno.None) return (allocError, 0);
        return (await SetIndirectPointer(node, slot, block), block);
    }

    /// <summary>Sets pointer <paramref name="slot"/> of <paramref name="node"/>'s indirect block (re-read: an allocation may have evicted it).</summary>
    private async Task<Errno> SetIndirectPointer(DiskInode node, long slot, long block)
    {
        var (error, pointers) = await Cache.Get(node.Indirect);
        if (error != Errno.None) return error;
        BinaryPrimitives.WriteUInt32LittleEndian(pointers.AsSpan((int)slot * 4), (uint)block);
        Cache.MarkDirty(node.Indirect);
        return Errno.None;
    }

    /// <summary>Frees every block of <paramref name="node"/> from block <paramref name="keep"/> on, and the indirect block once no pointer in it can be used.</summary>
    private async Task<Errno> FreeBlocksFrom(DiskInode node, long keep)
    {
        var held = (node.Length + BlockSize - 1) / BlockSize;
        for (var index = keep; index < held; index++)
        {
            var (error, block) = await MapBlock(node, index, allocate: false);
            if (error != Errno.None) return error;
            if (block == 0) continue;
            if (await FreeBlock(block) is not Errno.None and var freeError) return freeError;
            var cleared = index < DiskInode.DirectCount ? Errno.None : await SetIndirectPointer(node, index - DiskInode.DirectCount, 0);
            if (cleared != Errno.None) return cleared;
            if (index < DiskInode.DirectCount) node.Direct[index] = 0;
        }
        if (keep <= DiskInode.DirectCount && node.Indirect != 0)
        {
            if (!IsDataBlock(node.Indirect)) return Errno.EIO;
            if (await FreeBlock(node.Indirect) is not Errno.None and var error) return error;
            node.Indirect = 0;
        }
        return Errno.None;
    }
}
