using MachActors.Kernel.Ipc;

namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// One file served as a Mach memory object by the UNIX server (docs/UNIX.md, "Files as memory
/// objects"): the key the server gave memory_object_create, the inode whose bytes it pages, the send
/// right to the memory object port (what exec and mmap vm_map), and the control ports of its live
/// incarnations (from init to terminate). An unlinked file keeps its bytes for its mappers
/// (<see cref="Orphan"/>), as UNIX keeps an unlinked file's data while it is mapped.
/// </summary>
/// <param name="key">The key (unique for the server's life).</param>
/// <param name="inode">The file's inode.</param>
/// <param name="memoryObject">The server's send right to the memory object port.</param>
public sealed class FileObject(long key, long inode, PortName memoryObject)
{
    private readonly List<PortName> _controls = [];

    /// <summary>The key given to memory_object_create (and back in memory_object_init).</summary>
    public long Key { get; } = key;

    /// <summary>The inode paged (meaningless once <see cref="Orphan"/> is set).</summary>
    public long Inode { get; } = inode;

    /// <summary>The server's send right to the memory object port.</summary>
    public PortName MemoryObject { get; } = memoryObject;

    /// <summary>The live incarnations' control ports, oldest first.</summary>
    public IReadOnlyList<PortName> Controls => _controls;

    /// <summary>The bytes of the file when it was unlinked while it had a memory object; null while it is linked.</summary>
    public byte[]? Orphan { get; private set; }

    /// <summary>How many times the kernel asked for a page of this object.</summary>
    public int Requests { get; internal set; }

    /// <summary>How many dirty pages came back.</summary>
    public int Returns { get; internal set; }

    /// <summary>The file was unlinked; from now on the object pages <paramref name="contents"/>.</summary>
    /// <param name="contents">The file's bytes at the unlink.</param>
    internal void Unlink(byte[] contents) => Orphan = contents;

    /// <summary>An incarnation began (init).</summary>
    internal void Begin(PortName control) => _controls.Add(control);

    /// <summary>An incarnation ended (terminate); false when it was not live.</summary>
    internal bool End(PortName control) => _controls.Remove(control);
}
