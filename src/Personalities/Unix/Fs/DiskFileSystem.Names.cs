namespace MachActors.Personalities.Unix.Fs;

/// <summary>Paths and directories: the walk from the root, directory entries, and the name operations.</summary>
public sealed partial class DiskFileSystem
{
    private int EntriesPerBlock => BlockSize / DiskDirectory.EntrySize;

    /// <inheritdoc />
    public Task<(Errno Error, long Inode)> Lookup(string path) => Exclusive(() => Resolve(path), (Errno.EAGAIN, 0L));

    /// <inheritdoc />
    public Task<(Errno Error, FileStat? Stat)> Stat(string path) => Exclusive(async () =>
    {
        var (error, inode) = await Resolve(path);
        return error == Errno.None ? await StatCore(inode) : (error, null);
    }, (Errno.EAGAIN, (FileStat?)null));

    /// <inheritdoc />
    public Task<(Errno Error, FileStat? Stat)> StatInode(long inode) => Exclusive(() => StatCore(inode), (Errno.EAGAIN, (FileStat?)null));

    /// <inheritdoc />
    /// <remarks>"/" or an existing directory: EISDIR (EEXIST when exclusive). ENOSPC: no free inode, or the directory cannot grow.</remarks>
    public Task<(Errno Error, long Inode)> Create(string path, bool exclusive) =>
        Exclusive(() => MakeNode(path, FileKind.Regular, exclusive), (Errno.EAGAIN, 0L));

    /// <inheritdoc />
    /// <remarks>Frees the node and its blocks at once (its last name is gone). "/" is EISDIR.</remarks>
    public Task<Errno> Unlink(string path) => Exclusive(() => UnlinkCore(path), Errno.EAGAIN);

    /// <inheritdoc />
    public Task<Errno> Mkdir(string path) => Exclusive(async () => (await MakeNode(path, FileKind.Directory, exclusive: true)).Error, Errno.EAGAIN);

    /// <inheritdoc />
    public Task<(Errno Error, IReadOnlyList<DirEntry> Entries)> ReadDir(string path) =>
        Exclusive(() => ReadDirCore(path), (Errno.EAGAIN, (IReadOnlyList<DirEntry>)[]));

    /// <summary>The inode <paramref name="path"/> names: EINVAL/ENAMETOOLONG for a malformed path, ENOENT, ENOTDIR.</summary>
    private async Task<(Errno Error, long Inode)> Resolve(string path)
    {
        var (error, names) = DiskDirectory.SplitPath(path);
        return error == Errno.None ? await Walk(names, names.Count) : (error, 0);
    }

    /// <summary>Follows the first <paramref name="count"/> of <paramref name="names"/> from the root.</summary>
    private async Task<(Errno Error, long Inode)> Walk(IReadOnlyList<string> names, int count)
    {
        long current = Superblock.RootInode;
        for (var i = 0; i < count; i++)
        {
            var (error, node) = await LiveInode(current);
            if (error != Errno.None) return (error == Errno.ENOENT ? Errno.EIO : error, 0); // a name leads to a free inode: damage
            if (node!.Kind != FileKind.Directory) return (Errno.ENOTDIR, 0);
            var (findError, child, _) = await FindEntry(node, names[i]);
            if (findError != Errno.None) return (findError, 0);
            current = child;
        }
        return (Errno.None, current);
    }

    /// <summary>The parent directory of the last name of <paramref name="names"/> (which must exist and be a directory: ENOENT, ENOTDIR).</summary>
    private async Task<(Errno Error, long Inode, DiskInode? Node)> Parent(IReadOnlyList<string> names)
    {
        var (error, parent) = await Walk(names, names.Count - 1);
        if (error != Errno.None) return (error, 0, null);
        var (nodeError, node) = await LiveInode(parent);
        if (nodeError != Errno.None) return (Errno.EIO, 0, null);
        return node!.Kind == FileKind.Directory ? (Errno.None, parent, node) : (Errno.ENOTDIR, 0, null);
    }

    /// <summary>
    /// Visits the entries of <paramref name="dir"/> in slot order (holes skipped); <paramref name="visit"/>
    /// gets (block, slot, inode, name) and returns true to stop. Returns the device error, if any.
    /// </summary>
    private async Task<Errno> Entries(DiskInode dir, Func<long, int, long, string, bool> visit)
    {
        for (long index = 0; index < dir.Length / BlockSize; index++)
        {
            var (error, block) = await MapBlock(dir, index, allocate: false);
            if (error != Errno.None) return error;
            if (block == 0) continue;
            var (readError, bytes) = await Cache.Get(block);
            if (readError != Errno.None) return readError;
            for (var slot = 0; slot < EntriesPerBlock; slot++)
            {
                var (inode, name) = DiskDirectory.Read(bytes, slot);
                if (visit(block, slot, inode, name)) return Errno.None;
            }
        }
        return Errno.None;
    }

    /// <summary>The entry <paramref name="name"/> of <paramref name="dir"/>: its inode and where it is stored (ENOENT when absent).</summary>
    private async Task<(Errno Error, long Inode, (long Block, int Slot) At)> FindEntry(DiskInode dir, string name)
    {
        (long Inode, long Block, int Slot)? found = null;
        var error = await Entries(dir, (block, slot, inode, entry) =>
        {
            if (inode == 0 || entry != name) return false;
            found = (inode, block, slot);
            return true;
        });
        if (error != Errno.None) return (error, 0, default);
        return found is { } f ? (Errno.None, f.Inode, (f.Block, f.Slot)) : (Errno.ENOENT, 0, default);
    }

    /// <summary>Adds the entry <paramref name="name"/> -> <paramref name="inode"/> to directory <paramref name="dirInode"/>: the first free slot, or a new block (ENOSPC when none is left, EFBIG past the largest directory).</summary>
    private async Task<Errno> AddEntry(long dirInode, DiskInode dir, string name, long inode)
    {
        (long Block, int Slot)? free = null;
        var error = await Entries(dir, (block, slot, entry, _) =>
        {
            if (entry != 0) return false;
            free = (block, slot);
            return true;
        });
        if (error != Errno.None) return error;
        if (free is null)
        {
            var index = dir.Length / BlockSize;
            var (spaceError, needed) = await BlocksNeeded(dir, dir.Length, dir.Length + BlockSize);
            if (spaceError != Errno.None) return spaceError == Errno.EFBIG ? Errno.ENOSPC : spaceError;
            if (needed > FreeBlocks) return Errno.ENOSPC;
            var (allocError, block) = await MapBlock(dir, index, allocate: true);
            if (allocError != Errno.None) return allocError;
            dir.Length += BlockSize;
            if (await WriteInode(dirInode, dir) is not Errno.None and var writeError) return writeError;
            free = (block, 0);
        }
        var (readError, bytes) = await Cache.Get(free.Value.Block);
        if (readError != Errno.None) return readError;
        DiskDirectory.Write(bytes, free.Value.Slot, inode, name);
        Cache.MarkDirty(free.Value.Block);
        return Errno.None;
    }

    /// <summary>Clears the entry stored at <paramref name="at"/>.</summary>
    private async Task<Errno> RemoveEntry((long Block, int Slot) at)
    {
        var (error, bytes) = await Cache.Get(at.Block);
        if (error != Errno.None) return error;
        DiskDirectory.Write(bytes, at.Slot, 0, "");
        Cache.MarkDirty(at.Block);
        return Errno.None;
    }

    /// <summary>Creates a node of <paramref name="kind"/> at <paramref name="path"/>; an existing one is returned (same kind family, not exclusive) or refused (EEXIST, EISDIR).</summary>
    private async Task<(Errno Error, long Inode)> MakeNode(string path, FileKind kind, bool exclusive)
    {
        var (pathError, names) = DiskDirectory.SplitPath(path);
        if (pathError != Errno.None) return (pathError, 0);
        if (names.Count == 0) return (exclusive ? Errno.EEXIST : Errno.EISDIR, 0);
        var (parentError, parent, dir) = await Parent(names);
        if (parentError != Errno.None) return (parentError, 0);
        var (findError, existing, _) = await FindEntry(dir!, names[^1]);
        if (findError == Errno.None)
        {
            if (exclusive) return (Errno.EEXIST, 0);
            var (nodeError, node) = await LiveInode(existing);
            if (nodeError != Errno.None) return (Errno.EIO, 0);
            return node!.Kind == FileKind.Directory ? (Errno.EISDIR, 0) : (Errno.None, existing);
        }
        if (findError != Errno.ENOENT) return (findError, 0);
        var (allocError, inode) = await AllocInode(new DiskInode { Kind = kind, Links = 1 });
        if (allocError != Errno.None) return (allocError, 0);
        if (await AddEntry(parent, dir!, names[^1], inode) is not Errno.None and var addError)
        {
            await FreeInode(inode);
            return (addError, 0);
        }
        return (Errno.None, inode);
    }

    private async Task<Errno> UnlinkCore(string path)
    {
        var (pathError, names) = DiskDirectory.SplitPath(path);
        if (pathError != Errno.None) return pathError;
        if (names.Count == 0) return Errno.EISDIR;
        var (parentError, _, dir) = await Parent(names);
        if (parentError != Errno.None) return parentError;
        var (findError, inode, at) = await FindEntry(dir!, names[^1]);
        if (findError != Errno.None) return findError;
        var (nodeError, node) = await LiveInode(inode);
        if (nodeError != Errno.None) return Errno.EIO;
        if (node!.Kind == FileKind.Directory) return Errno.EISDIR;
        if (await RemoveEntry(at) is not Errno.None and var removeError) return removeError;
        if (--node.Links > 0) return await WriteInode(inode, node);
        if (await FreeBlocksFrom(node, 0) is not Errno.None and var freeError) return freeError;
        return await FreeInode(inode);
    }

    private async Task<(Errno Error, FileStat? Stat)> StatCore(long inode)
    {
        var (error, node) = await LiveInode(inode);
        if (error != Errno.None) return (error, null);
        var size = node!.Length;
        if (node.Kind == FileKind.Directory)
        {
            var count = 0;
            if (await Entries(node, (_, _, entry, _) => { if (entry != 0) count++; return false; }) is not Errno.None and var listError) return (listError, null);
            size = count;
        }
        return (Errno.None, new FileStat(inode, node.Kind!.Value, size, node.Links));
    }

    private async Task<(Errno Error, IReadOnlyList<DirEntry> Entries)> ReadDirCore(string path)
    {
        var (error, inode) = await Resolve(path);
        if (error != Errno.None) return (error, []);
        var (nodeError, dir) = await LiveInode(inode);
        if (nodeError != Errno.None) return (Errno.EIO, []);
        if (dir!.Kind != FileKind.Directory) return (Errno.ENOTDIR, []);
        var named = new List<(string Name, long Inode)>();
        if (await Entries(dir, (_, _, entry, name) => { if (entry != 0) named.Add((name, entry)); return false; }) is not Errno.None and var listError) return (listError, []);
        var entries = new List<DirEntry>(named.Count);
        foreach (var (name, child) in named)
        {
            var (childError, node) = await LiveInode(child);
            if (childError != Errno.None) return (Errno.EIO, []);
            entries.Add(new DirEntry(name, child, node!.Kind!.Value));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return (Errno.None, entries);
    }
}
