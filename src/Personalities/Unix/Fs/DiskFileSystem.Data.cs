namespace MachActors.Personalities.Unix.Fs;

/// <summary>File data: read, write and truncate by inode (the file pager's page I/O too).</summary>
public sealed partial class DiskFileSystem
{
    /// <inheritdoc />
    /// <remarks>ENOENT: no such node; EISDIR: a directory; EINVAL: a device node, a negative offset or count; EIO: the device failed or the file's blocks are damaged.</remarks>
    public Task<(Errno Error, byte[] Data)> Read(long inode, long offset, int count) =>
        Exclusive(() => ReadCore(inode, offset, count), (Errno.EAGAIN, Array.Empty<byte>()));

    /// <inheritdoc />
    /// <remarks>
    /// All or nothing: EFBIG when the write would end past <see cref="MaxFileSize"/>, ENOSPC when the free
    /// blocks cannot hold it (both checked before anything changes); EISDIR, EINVAL, ENOENT as for Read.
    /// An empty write changes nothing.
    /// </remarks>
    public Task<(Errno Error, int Written)> Write(long inode, long offset, ReadOnlyMemory<byte> data) =>
        Exclusive(() => WriteCore(inode, offset, data), (Errno.EAGAIN, 0));

    /// <inheritdoc />
    /// <remarks>Shrinking frees the blocks past the new end and zeroes the rest of the last block; growing leaves a hole (zeros). EFBIG past <see cref="MaxFileSize"/>; EINVAL for a negative length or a device node; EISDIR for a directory.</remarks>
    public Task<Errno> Truncate(long inode, long length) => Exclusive(() => TruncateCore(inode, length), Errno.EAGAIN);

    /// <summary>The node <paramref name="inode"/> if it holds data: ENOENT, EISDIR (a directory), EINVAL (a device node).</summary>
    private async Task<(Errno Error, DiskInode? Node)> DataNode(long inode)
    {
        var (error, node) = await LiveInode(inode);
        if (error != Errno.None) return (error, null);
        return node!.Kind switch
        {
            FileKind.Directory => (Errno.EISDIR, null),
            FileKind.Regular => (Errno.None, node),
            _ => (Errno.EINVAL, null),
        };
    }

    private async Task<(Errno Error, byte[] Data)> ReadCore(long inode, long offset, int count)
    {
        var (error, node) = await DataNode(inode);
        if (error != Errno.None) return (error, []);
        if (offset < 0 || count < 0) return (Errno.EINVAL, []);
        if (offset >= node!.Length || count == 0) return (Errno.None, []);
        var data = new byte[(int)Math.Min(count, node.Length - offset)];
        return (await ReadData(node, offset, data), data);
    }

    /// <summary>Fills <paramref name="into"/> from <paramref name="node"/>'s bytes at <paramref name="offset"/> (within its length); holes are zeros.</summary>
    private async Task<Errno> ReadData(DiskInode node, long offset, Memory<byte> into)
    {
        var done = 0;
        while (done < into.Length)
        {
            var at = offset + done;
            var within = (int)(at % BlockSize);
            var n = Math.Min(BlockSize - within, into.Length - done);
            var (error, block) = await MapBlock(node, at / BlockSize, allocate: false);
            if (error != Errno.None) return error;
            if (block == 0)
            {
                into.Span.Slice(done, n).Clear();
            }
            else
            {
                var (readError, bytes) = await Cache.Get(block);
                if (readError != Errno.None) return readError;
                bytes.AsSpan(within, n).CopyTo(into.Span[done..]);
            }
            done += n;
        }
        return Errno.None;
    }

    private async Task<(Errno Error, int Written)> WriteCore(long inode, long offset, ReadOnlyMemory<byte> data)
    {
        var (error, node) = await DataNode(inode);
        if (error != Errno.None) return (error, 0);
        if (offset < 0) return (Errno.EINVAL, 0);
        if (data.Length == 0) return (Errno.None, 0);
        if (offset > MaxFileSize - data.Length) return (Errno.EFBIG, 0);
        var (spaceError, needed) = await BlocksNeeded(node!, offset, offset + data.Length);
        if (spaceError != Errno.None) return (spaceError, 0);
        if (needed > FreeBlocks) return (Errno.ENOSPC, 0);
        if (await WriteData(inode, node!, offset, data) is not Errno.None and var writeError) return (writeError, 0);
        return (Errno.None, data.Length);
    }

    /// <summary>The new blocks (data and indirect) a write of [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="node"/> takes.</summary>
    private async Task<(Errno Error, long Needed)> BlocksNeeded(DiskInode node, long from, long to)
    {
        long needed = 0;
        var last = (to - 1) / BlockSize;
        for (var index = from / BlockSize; index <= last; index++)
        {
            var (error, block) = await MapBlock(node, index, allocate: false);
            if (error != Errno.None) return (error, 0);
            if (block == 0) needed++;
        }
        if (last >= DiskInode.DirectCount && node.Indirect == 0) needed++;
        return (Errno.None, needed);
    }

    /// <summary>Writes <paramref name="data"/> into <paramref name="node"/> (inode <paramref name="inode"/>) at <paramref name="offset"/>, allocating holes; the space was checked. Grows the length and stores the inode.</summary>
    private async Task<Errno> WriteData(long inode, DiskInode node, long offset, ReadOnlyMemory<byte> data)
    {
        var done = 0;
        var first = offset / BlockSize;
        var last = (offset + data.Length - 1) / BlockSize;
        while (done < data.Length)
        {
            var at = offset + done;
            var within = (int)(at % BlockSize);
            var n = Math.Min(BlockSize - within, data.Length - done);
            var (error, block) = await MapBlock(node, at / BlockSize, allocate: true);
            if (error != Errno.None) return error;
            var lost = SeededBug == DiskFsSeededBug.WriteLosesItsTail && last > first && at / BlockSize == last;
            if (!lost)
            {
                var (readError, bytes) = await Cache.Get(block);
                if (readError != Errno.None) return readError;
                data.Span.Slice(done, n).CopyTo(bytes.AsSpan(within));
                Cache.MarkDirty(block);
            }
            done += n;
        }
        node.Length = Math.Max(node.Length, offset + data.Length);
        return await WriteInode(inode, node);
    }

    private async Task<Errno> TruncateCore(long inode, long length)
    {
        var (error, node) = await DataNode(inode);
        if (error != Errno.None) return error;
        if (length < 0) return Errno.EINVAL;
        if (length > MaxFileSize) return Errno.EFBIG;
        if (length < node!.Length)
        {
            var keep = (length + BlockSize - 1) / BlockSize;
            if (await FreeBlocksFrom(node, keep) is not Errno.None and var freeError) return freeError;
            if (await ZeroTail(node, length) is not Errno.None and var zeroError) return zeroError;
        }
        node.Length = length;
        return await WriteInode(inode, node);
    }

    /// <summary>Zeroes the bytes of the block holding <paramref name="length"/> from there on, so that bytes past a file's end always read as zeros when it grows again.</summary>
    private async Task<Errno> ZeroTail(DiskInode node, long length)
    {
        var within = (int)(length % BlockSize);
        if (within == 0) return Errno.None;
        var (error, block) = await MapBlock(node, length / BlockSize, allocate: false);
        if (error != Errno.None || block == 0) return error;
        var (readError, bytes) = await Cache.Get(block);
        if (readError != Errno.None) return readError;
        bytes.AsSpan(within).Clear();
        Cache.MarkDirty(block);
        return Errno.None;
    }
}
