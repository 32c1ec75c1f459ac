namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// An in-memory <see cref="IUnixFileSystem"/>: a tree of nodes kept by the UNIX server, every operation
/// complete at once. Paths are absolute; empty components ("//") are skipped; "." and ".." are not
/// interpreted (EINVAL), nor is a relative path. A component longer than <see cref="MaxNameLength"/>
/// is ENAMETOOLONG; a file may not grow past <see cref="MaxFileSize"/> (EFBIG). Unlink removes the
/// node with its last name at once (an open file of it then reads ENOENT; UNIX would keep it until the
/// last close). Deterministic: inode numbers are handed out in order from 2 (the root is 1).
/// </summary>
public sealed class MemoryFileSystem : IUnixFileSystem
{
    /// <summary>The longest component.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The largest file, in bytes.</summary>
    public const long MaxFileSize = 16L << 20;

    /// <summary>The root directory's inode.</summary>
    public const long RootInode = 1;

    private readonly Dictionary<long, Node> _nodes = new() { [RootInode] = Node.Directory() };
    private long _nextInode = RootInode + 1;

    /// <inheritdoc />
    public Task<(Errno Error, long Inode)> Lookup(string path) => Task.FromResult(Resolve(path));

    /// <inheritdoc />
    public Task<(Errno Error, FileStat? Stat)> Stat(string path)
    {
        var (error, inode) = Resolve(path);
        return Task.FromResult(error == Errno.None ? (Errno.None, StatOf(inode)) : (error, (FileStat?)null));
    }

    /// <inheritdoc />
    public Task<(Errno Error, FileStat? Stat)> StatInode(long inode) =>
        Task.FromResult(_nodes.ContainsKey(inode) ? (Errno.None, StatOf(inode)) : (Errno.ENOENT, (FileStat?)null));

    /// <inheritdoc />
    public Task<(Errno Error, long Inode)> Create(string path, bool exclusive)
    {
        var (error, dir, name) = Parent(path);
        if (error != Errno.None) return Task.FromResult((error, 0L));
        if (_nodes[dir].Children!.TryGetValue(name, out var existing))
        {
            if (exclusive) return Task.FromResult((Errno.EEXIST, 0L));
            return Task.FromResult(_nodes[existing].Kind == FileKind.Directory ? (Errno.EISDIR, 0L) : (Errno.None, existing));
        }
        return Task.FromResult((Errno.None, Add(dir, name, Node.File())));
    }

    /// <inheritdoc />
    public Task<(Errno Error, byte[] Data)> Read(long inode, long offset, int count)
    {
        if (offset < 0 || count < 0) return Task.FromResult((Errno.EINVAL, Array.Empty<byte>()));
        if (!_nodes.TryGetValue(inode, out var node)) return Task.FromResult((Errno.ENOENT, Array.Empty<byte>()));
        if (node.Kind == FileKind.Directory) return Task.FromResult((Errno.EISDIR, Array.Empty<byte>()));
        var n = (int)Math.Clamp(node.Length - offset, 0, count);
        return Task.FromResult((Errno.None, node.Data.AsSpan((int)Math.Min(offset, node.Length), n).ToArray()));
    }

    /// <inheritdoc />
    public Task<(Errno Error, int Written)> Write(long inode, long offset, ReadOnlyMemory<byte> data)
    {
        if (offset < 0) return Task.FromResult((Errno.EINVAL, 0));
        if (!_nodes.TryGetValue(inode, out var node)) return Task.FromResult((Errno.ENOENT, 0));
        if (node.Kind == FileKind.Directory) return Task.FromResult((Errno.EISDIR, 0));
        if (offset + data.Length > MaxFileSize) return Task.FromResult((Errno.EFBIG, 0));
        node.Resize(Math.Max(node.Length, offset + data.Length));
        data.Span.CopyTo(node.Data.AsSpan((int)offset));
        return Task.FromResult((Errno.None, data.Length));
    }

    /// <inheritdoc />
    public Task<Errno> Truncate(long inode, long length)
    {
        if (length < 0) return Task.FromResult(Errno.EINVAL);
        if (length > MaxFileSize) return Task.FromResult(Errno.EFBIG);
        if (!_nodes.TryGetValue(inode, out var node)) return Task.FromResult(Errno.ENOENT);
        if (node.Kind == FileKind.Directory) return Task.FromResult(Errno.EISDIR);
        node.Resize(length);
        return Task.FromResult(Errno.None);
    }

    /// <inheritdoc />
    public Task<Errno> Unlink(string path)
    {
        var (error, dir, name) = Parent(path);
        if (error != Errno.None) return Task.FromResult(error);
        var children = _nodes[dir].Children!;
        if (!children.TryGetValue(name, out var inode)) return Task.FromResult(Errno.ENOENT);
        if (_nodes[inode].Kind == FileKind.Directory) return Task.FromResult(Errno.EISDIR);
        children.Remove(name);
        _nodes.Remove(inode);
        return Task.FromResult(Errno.None);
    }

    /// <inheritdoc />
    public Task<Errno> Mkdir(string path)
    {
        var (error, dir, name) = Parent(path);
        if (error != Errno.None) return Task.FromResult(error);
        if (_nodes[dir].Children!.ContainsKey(name)) return Task.FromResult(Errno.EEXIST);
        Add(dir, name, Node.Directory());
        return Task.FromResult(Errno.None);
    }

    /// <inheritdoc />
    public Task<(Errno Error, IReadOnlyList<DirEntry> Entries)> ReadDir(string path)
    {
        var (error, inode) = Resolve(path);
        if (error != Errno.None) return Task.FromResult((error, (IReadOnlyList<DirEntry>)[]));
        if (_nodes[inode].Children is not { } children) return Task.FromResult((Errno.ENOTDIR, (IReadOnlyList<DirEntry>)[]));
        IReadOnlyList<DirEntry> entries = [.. children.Select(kv => new DirEntry(kv.Key, kv.Value, _nodes[kv.Value].Kind))];
        return Task.FromResult((Errno.None, entries));
    }

    /// <inheritdoc />
    public Task<Errno> Sync() => Task.FromResult(Errno.None);

    private FileStat StatOf(long inode)
    {
        var node = _nodes[inode];
        return new FileStat(inode, node.Kind, node.Children?.Count ?? node.Length, node.Kind == FileKind.Directory ? 2 : 1);
    }

    private long Add(long dir, string name, Node node)
    {
        var inode = _nextInode++;
        _nodes[inode] = node;
        _nodes[dir].Children![name] = inode;
        return inode;
    }

    /// <summary>The components of an absolute path, or the error that rejects it.</summary>
    private static (Errno Error, string[] Parts) Split(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/') return (Errno.EINVAL, []);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is "." or "..")) return (Errno.EINVAL, []);
        return parts.Any(p => p.Length > MaxNameLength) ? (Errno.ENAMETOOLONG, []) : (Errno.None, parts);
    }

    private (Errno Error, long Inode) Walk(IEnumerable<string> parts)
    {
        var inode = RootInode;
        foreach (var part in parts)
        {
            if (_nodes[inode].Children is not { } children) return (Errno.ENOTDIR, 0);
            if (!children.TryGetValue(part, out inode)) return (Errno.ENOENT, 0);
        }
        return (Errno.None, inode);
    }

    private (Errno Error, long Inode) Resolve(string path)
    {
        var (error, parts) = Split(path);
        return error != Errno.None ? (error, 0) : Walk(parts);
    }

    /// <summary>The directory that holds the last component, and that component (the root itself has none: EEXIST for creation).</summary>
    private (Errno Error, long Dir, string Name) Parent(string path)
    {
        var (error, parts) = Split(path);
        if (error != Errno.None) return (error, 0, "");
        if (parts.Length == 0) return (Errno.EEXIST, 0, "");
        var (walked, dir) = Walk(parts[..^1]);
        if (walked != Errno.None) return (walked, 0, "");
        return _nodes[dir].Kind != FileKind.Directory ? (Errno.ENOTDIR, 0, "") : (Errno.None, dir, parts[^1]);
    }

    private sealed class Node
    {
        private Node(FileKind kind, SortedDictionary<string, long>? children)
        {
            Kind = kind;
            Children = children;
        }

        public FileKind Kind { get; }

        public SortedDictionary<string, long>? Children { get; }

        public byte[] Data { get; private set; } = [];

        public long Length { get; private set; }

        public static Node File() => new(FileKind.Regular, null);

        public static Node Directory() => new(FileKind.Directory, new SortedDictionary<string, long>(StringComparer.Ordinal));

        public void Resize(long length)
        {
            if (length > Data.Length)
            {
                var grown = new byte[Math.Max(length, Math.Min(MaxFileSize, Data.Length * 2L))];
                Data.AsSpan(0, (int)Length).CopyTo(grown);
                Data = grown;
            }
            else if (length < Length)
            {
                Data.AsSpan((int)length, (int)(Length - length)).Clear(); // a later growth reads zeros there
            }
            Length = length;
        }
    }
}
