using System.Buffers.Binary;
using System.Globalization;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>fsck: a full consistency check of the mounted file system (as the cache sees it).</summary>
public sealed partial class DiskFileSystem
{
    /// <summary>
    /// Checks every inode, block pointer, bitmap bit and directory entry, and returns each problem in
    /// words (empty: consistent): unknown inode kinds, sizes past the largest file, pointers outside the
    /// data blocks or past a node's size, a block held twice, a held block free in the bitmap, a used
    /// block no node holds, a metadata block marked free, free counts that disagree with the bitmap and
    /// the table, entries with bad names, duplicate names, entries naming free inodes, a directory named
    /// twice, and link counts that differ from the names found (an unnamed node is reported as such).
    /// EIO when the device fails (with the problems found so far). Changes nothing.
    /// </summary>
    public Task<(Errno Error, IReadOnlyList<string> Problems)> Check() => Exclusive(async () =>
    {
        var problems = new List<string>();
        var owners = new Dictionary<long, long>(); // block -> the inode holding it
        var (error, live) = await CheckInodes(owners, problems);
        if (error == Errno.None) error = await CheckBitmap(owners, problems);
        if (error == Errno.None) error = await CheckTree(live, problems);
        return (error, (IReadOnlyList<string>)problems);
    }, (Errno.EAGAIN, (IReadOnlyList<string>)[]));

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private async Task<(Errno Error, SortedDictionary<long, DiskInode> Live)> CheckInodes(Dictionary<long, long> owners, List<string> problems)
    {
        var live = new SortedDictionary<long, DiskInode>();
        long free = 0;
        for (long ino = 1; ino < Superblock.InodeCount; ino++)
        {
            var (error, node, raw) = await ReadInodeRaw(ino);
            if (error != Errno.None) return (error, live);
            if (!DiskInode.KnownKind(raw)) { problems.Add(Say($"inode {ino} has the unknown kind {raw}")); continue; }
            if (!node!.InUse) { free++; continue; }
            live[ino] = node;
            if (node.Length > MaxFileSize) problems.Add(Say($"inode {ino} is {node.Length} bytes, past the largest file ({MaxFileSize})"));
            if (node.Kind == FileKind.Directory && node.Length % BlockSize != 0) problems.Add(Say($"directory {ino} is {node.Length} bytes, not whole blocks"));
            var held = (node.Length + BlockSize - 1) / BlockSize;
            for (var i = 0; i < DiskInode.DirectCount; i++) Claim(owners, ino, node.Direct[i], i, held, problems);
            if (node.Indirect == 0) continue;
            if (!Claim(owners, ino, node.Indirect, held > DiskInode.DirectCount ? DiskInode.DirectCount : held, held, problems)) continue;
            var (readError, pointers) = await Cache.Get(node.Indirect);
            if (readError != Errno.None) return (readError, live);
            for (var j = 0; j < PointersPerBlock; j++)
            {
                Claim(owners, ino, BinaryPrimitives.ReadUInt32LittleEndian(pointers.AsSpan(j * 4)), DiskInode.DirectCount + j, held, problems);
            }
        }
        if (free != FreeInodes) problems.Add(Say($"{free} inodes are free, but the count says {FreeInodes}"));
        return (Errno.None, live);
    }

    /// <summary>Records that <paramref name="ino"/> holds <paramref name="block"/> as its block <paramref name="index"/>; false when the pointer is unusable.</summary>
    private bool Claim(Dictionary<long, long> owners, long ino, long block, long index, long held, List<string> problems)
    {
        if (block == 0) return false;
        if (!IsDataBlock(block)) { problems.Add(Say($"inode {ino} points at block {block}, outside the data blocks")); return false; }
        if (index >= held) problems.Add(Say($"inode {ino} holds block {block} past its size"));
        if (owners.TryGetValue(block, out var other)) { problems.Add(Say($"block {block} is held by inode {other} and inode {ino}")); return false; }
        owners[block] = ino;
        return true;
    }

    private async Task<Errno> CheckBitmap(Dictionary<long, long> owners, List<string> problems)
    {
        long free = 0;
        for (long block = 0; block < Superblock.BlockCount; block++)
        {
            var (error, used) = await BitOf(block);
            if (error != Errno.None) return error;
            var owned = owners.TryGetValue(block, out var owner);
            if (block < Superblock.DataStart) { if (!used) problems.Add(Say($"metadata block {block} is free in the bitmap")); }
            else if (used && !owned) problems.Add(Say($"block {block} is marked used but no inode holds it"));
            else if (!used && owned) problems.Add(Say($"block {block} of inode {owner} is free in the bitmap"));
            if (!used) free++;
        }
        if (free != FreeBlocks) problems.Add(Say($"{free} blocks are free in the bitmap, but the count says {FreeBlocks}"));
        return Errno.None;
    }

    private async Task<Errno> CheckTree(SortedDictionary<long, DiskInode> live, List<string> problems)
    {
        var names = new Dictionary<long, int> { [Superblock.RootInode] = 1 }; // the root is named by the superblock
        var seen = new HashSet<long> { Superblock.RootInode };
        var queue = new Queue<long>([Superblock.RootInode]);
        while (queue.Count > 0)
        {
            var dirInode = queue.Dequeue();
            if (!live.TryGetValue(dirInode, out var dir) || dir.Kind != FileKind.Directory) continue;
            var inDir = new HashSet<string>(StringComparer.Ordinal);
            var children = new List<(string Name, long Inode)>();
            var error = await Entries(dir, (_, _, inode, name) => { if (inode != 0) children.Add((name, inode)); return false; });
            if (error != Errno.None) return error;
            foreach (var (name, inode) in children)
            {
                if (DiskDirectory.CheckName(name) != Errno.None) problems.Add(Say($"directory {dirInode} has an entry with the bad name '{name}'"));
                if (!inDir.Add(name)) problems.Add(Say($"directory {dirInode} names '{name}' twice"));
                if (!live.TryGetValue(inode, out var child)) { problems.Add(Say($"entry '{name}' of directory {dirInode} names inode {inode}, which is not in use")); continue; }
                names[inode] = names.GetValueOrDefault(inode) + 1;
                if (child.Kind != FileKind.Directory) continue;
                if (seen.Add(inode)) queue.Enqueue(inode);
                else problems.Add(Say($"directory {inode} is named more than once"));
            }
        }
        if (!live.ContainsKey(Superblock.RootInode)) problems.Add(Say($"the root inode {Superblock.RootInode} is free"));
        foreach (var (ino, node) in live)
        {
            var found = names.GetValueOrDefault(ino);
            if (found == 0) problems.Add(Say($"inode {ino} is in use but no directory names it"));
            else if (found != node.Links) problems.Add(Say($"inode {ino} has {node.Links} links but {found} names"));
        }
        return Errno.None;
    }
}
