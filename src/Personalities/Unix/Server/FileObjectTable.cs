using MachActors.Kernel.Ipc;

namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// The UNIX server's memory objects (docs/UNIX.md, "Files as memory objects"), without a machine: at
/// most one per linked inode, found by inode (exec, mmap, read, write), by key (memory_object_init) and by
/// control port (every later kernel call). An unlinked file's object leaves the inode index (a new file
/// may reuse the number) but stays known by key and control until its last incarnation ends.
/// </summary>
public sealed class FileObjectTable
{
    private readonly Dictionary<long, FileObject> _byInode = [];
    private readonly Dictionary<long, FileObject> _byKey = [];
    private readonly Dictionary<PortName, FileObject> _byControl = [];
    private long _lastKey;

    /// <summary>How many objects the table knows (linked or orphaned).</summary>
    public int Count => _byKey.Count;

    /// <summary>The objects with a live incarnation (whose pages the kernel may hold), each once, by key.</summary>
    public IEnumerable<FileObject> Live => _byKey.Values.Where(o => o.Controls.Count > 0).OrderBy(o => o.Key);

    /// <summary>The next key <see cref="Add"/> will use (memory_object_create needs it before the port exists).</summary>
    public long NextKey => _lastKey + 1;

    /// <summary>The linked file <paramref name="inode"/>'s object, or null.</summary>
    public FileObject? ForInode(long inode) => _byInode.GetValueOrDefault(inode);

    /// <summary>The object of a live incarnation's control port, or null (stale or unknown).</summary>
    public FileObject? ForControl(PortName control) => _byControl.GetValueOrDefault(control);

    /// <summary>Records the object made for <paramref name="inode"/> with key <see cref="NextKey"/>. Precondition: the inode has none.</summary>
    public FileObject Add(long inode, PortName memoryObject)
    {
        if (_byInode.ContainsKey(inode)) throw new InvalidOperationException($"inode {inode} already has a memory object");
        var obj = new FileObject(++_lastKey, inode, memoryObject);
        _byInode[inode] = obj;
        _byKey[obj.Key] = obj;
        return obj;
    }

    /// <summary>memory_object_init for <paramref name="key"/>: the incarnation of <paramref name="control"/> begins; the object, or null for a key the server never made.</summary>
    public FileObject? Init(long key, PortName control)
    {
        if (!_byKey.TryGetValue(key, out var obj) || _byControl.ContainsKey(control)) return null;
        obj.Begin(control);
        _byControl[control] = obj;
        return obj;
    }

    /// <summary>memory_object_terminate: the incarnation ends; an orphan with none left is forgotten. The object, or null when the control was not live.</summary>
    public FileObject? Terminate(PortName control)
    {
        if (!_byControl.Remove(control, out var obj)) return null;
        obj.End(control);
        if (obj.Orphan is not null && obj.Controls.Count == 0) _byKey.Remove(obj.Key);
        return obj;
    }

    /// <summary>
    /// The file <paramref name="inode"/> was unlinked: its object (if any) keeps <paramref name="contents"/>
    /// and leaves the inode index. It stays known by key even with no live incarnation, since an init for a
    /// vm_map made just before the unlink may still be on its way; its last terminate forgets it.
    /// </summary>
    public FileObject? Unlink(long inode, byte[] contents)
    {
        if (!_byInode.Remove(inode, out var obj)) return null;
        obj.Unlink(contents);
        return obj;
    }
}
