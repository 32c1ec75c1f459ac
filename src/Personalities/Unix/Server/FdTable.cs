namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// One process's file descriptors (the kernel holds none: the seeds' "Array von Dateideskriptoren" is
/// the server's): descriptor -> shared <see cref="OpenFile"/>. Each slot holds one reference
/// (<see cref="OpenFile.Refs"/>); a file whose count drops to 0 is returned to the caller to release.
/// </summary>
public sealed class FdTable
{
    /// <summary>The most descriptors a process may have (OPEN_MAX).</summary>
    public const int Max = 64;

    private readonly SortedDictionary<int, OpenFile> _fds = [];

    /// <summary>The descriptors in use, ascending.</summary>
    public IEnumerable<int> Descriptors => _fds.Keys;

    /// <summary>The open file of <paramref name="fd"/>, or null (EBADF).</summary>
    public OpenFile? Get(int fd) => _fds.GetValueOrDefault(fd);

    /// <summary>Puts <paramref name="file"/> in the lowest free descriptor at or above <paramref name="lowest"/>: the descriptor, or EMFILE (then the file is not referenced).</summary>
    public (Errno Error, int Fd) Add(OpenFile file, int lowest = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        for (var fd = Math.Max(0, lowest); fd < Max; fd++)
        {
            if (_fds.ContainsKey(fd)) continue;
            _fds[fd] = file;
            file.Refs++;
            return (Errno.None, fd);
        }
        return (Errno.EMFILE, -1);
    }

    /// <summary>close(2): EBADF for a descriptor not in use; <paramref name="released"/> is the file when this was its last reference.</summary>
    public Errno Close(int fd, out OpenFile? released)
    {
        released = null;
        if (!_fds.Remove(fd, out var file)) return Errno.EBADF;
        if (--file.Refs == 0) released = file;
        return Errno.None;
    }

    /// <summary>dup(2): the lowest free descriptor for the same open file.</summary>
    public (Errno Error, int Fd) Dup(int fd) => Get(fd) is { } file ? Add(file) : (Errno.EBADF, -1);

    /// <summary>dup2(2): <paramref name="newFd"/> refers to <paramref name="fd"/>'s file (closed first if in use; nothing happens when they are equal). EBADF for a bad descriptor or one out of range; <paramref name="released"/> as for close.</summary>
    public (Errno Error, int Fd) Dup2(int fd, int newFd, out OpenFile? released)
    {
        released = null;
        if (Get(fd) is not { } file || newFd is < 0 or >= Max) return (Errno.EBADF, -1);
        if (fd == newFd) return (Errno.None, newFd);
        if (_fds.ContainsKey(newFd)) Close(newFd, out released);
        _fds[newFd] = file;
        file.Refs++;
        return (Errno.None, newFd);
    }

    /// <summary>fork: a table with the same descriptors on the same open files (each gains a reference).</summary>
    public FdTable Clone()
    {
        var copy = new FdTable();
        foreach (var (fd, file) in _fds)
        {
            copy._fds[fd] = file;
            file.Refs++;
        }
        return copy;
    }

    /// <summary>exit: closes every descriptor; the files whose last reference went.</summary>
    public List<OpenFile> CloseAll()
    {
        var released = new List<OpenFile>();
        foreach (var fd in _fds.Keys.ToList())
        {
            Close(fd, out var file);
            if (file is not null) released.Add(file);
        }
        return released;
    }
}
