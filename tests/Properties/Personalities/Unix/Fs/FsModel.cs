using MachActors.Personalities.Unix;

namespace MachActors.Tests.Properties.Personalities.Unix.Fs;

/// <summary>
/// The flat reference model of the file system: path -> bytes for files, a set of directory paths, and
/// /dev/console; each operation gives the Errno the file system must give and changes the model the
/// same way.
/// </summary>
public sealed class FsModel
{
    private const string Console = "/dev/console";

    /// <summary>Files and their contents.</summary>
    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Directories (the new file system's tree to begin with).</summary>
    public SortedSet<string> Dirs { get; } = new(StringComparer.Ordinal) { "/", "/dev", "/bin", "/tmp" };

    /// <summary>The names directly in <paramref name="dir"/>, sorted.</summary>
    public IEnumerable<string> Children(string dir) =>
        Files.Keys.Concat(Dirs).Append(Console).Where(p => p != "/" && Parent(p) == dir).Select(p => p[(p.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal);

    /// <summary>ENOENT or ENOTDIR when the directory holding <paramref name="path"/> is missing or a file; None otherwise.</summary>
    public Errno ParentError(string path)
    {
        var parent = Parent(path);
        if (Dirs.Contains(parent)) return Errno.None;
        for (var p = parent; p != "/"; p = Parent(p))
        {
            if (Files.ContainsKey(p) || p == Console) return Errno.ENOTDIR;
        }
        return Errno.ENOENT;
    }

    /// <summary>What Lookup of a file path gives.</summary>
    public Errno LookupError(string path) =>
        ParentError(path) is not Errno.None and var e ? e : Files.ContainsKey(path) || Dirs.Contains(path) ? Errno.None : Errno.ENOENT;

    /// <summary>Create, not exclusive.</summary>
    public Errno Create(string path)
    {
        if (ParentError(path) is not Errno.None and var e) return e;
        if (Dirs.Contains(path)) return Errno.EISDIR;
        Files.TryAdd(path, []);
        return Errno.None;
    }

    /// <summary>Mkdir.</summary>
    public Errno Mkdir(string path)
    {
        if (ParentError(path) is not Errno.None and var e) return e;
        if (Dirs.Contains(path) || Files.ContainsKey(path)) return Errno.EEXIST;
        Dirs.Add(path);
        return Errno.None;
    }

    /// <summary>Unlink.</summary>
    public Errno Unlink(string path)
    {
        if (ParentError(path) is not Errno.None and var e) return e;
        if (Dirs.Contains(path)) return Errno.EISDIR;
        return Files.Remove(path) ? Errno.None : Errno.ENOENT;
    }

    /// <summary>Write into an existing file: all or nothing, EFBIG past <paramref name="max"/>.</summary>
    public Errno Write(string path, long offset, byte[] data, long max)
    {
        if (offset + data.Length > max) return Errno.EFBIG;
        var file = Files[path];
        if (offset + data.Length > file.Length) Array.Resize(ref file, (int)(offset + data.Length));
        data.CopyTo(file, offset);
        Files[path] = file;
        return Errno.None;
    }

    /// <summary>Truncate an existing file.</summary>
    public Errno Truncate(string path, long length, long max)
    {
        if (length > max) return Errno.EFBIG;
        var file = Files[path];
        Array.Resize(ref file, (int)length);
        Files[path] = file;
        return Errno.None;
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
