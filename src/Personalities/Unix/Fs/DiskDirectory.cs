using System.Buffers.Binary;
using System.Text;

namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// Directories on disk: a directory is a file of fixed-size entries of <see cref="EntrySize"/> bytes,
/// an inode number (u32, 0 = a free slot) and the name (UTF-8, at most <see cref="MaxNameBytes"/>
/// bytes, zero-padded). Names and paths are checked here too. Plain logic on spans.
/// </summary>
public static class DiskDirectory
{
    /// <summary>Bytes of one entry.</summary>
    public const int EntrySize = 32;

    /// <summary>The longest name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = EntrySize - 4;

    /// <summary>Reads the entry at <paramref name="slot"/> of a directory block: its inode (0: free) and name.</summary>
    public static (long Inode, string Name) Read(ReadOnlySpan<byte> block, int slot)
    {
        var entry = block.Slice(slot * EntrySize, EntrySize);
        var inode = BinaryPrimitives.ReadUInt32LittleEndian(entry);
        var name = entry[4..];
        var end = name.IndexOf((byte)0);
        return (inode, Encoding.UTF8.GetString(end < 0 ? name : name[..end]));
    }

    /// <summary>Writes an entry (a valid name, see <see cref="CheckName"/>) at <paramref name="slot"/>; inode 0 frees the slot.</summary>
    public static void Write(Span<byte> block, int slot, long inode, string name)
    {
        var entry = block.Slice(slot * EntrySize, EntrySize);
        entry.Clear();
        if (inode == 0) return;
        BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)inode);
        Encoding.UTF8.GetBytes(name, entry[4..]);
    }

    /// <summary>Whether <paramref name="name"/> may be a directory entry: EINVAL for empty, ".", "..", or containing '/' or NUL; ENAMETOOLONG past <see cref="MaxNameBytes"/> UTF-8 bytes.</summary>
    public static Errno CheckName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)) return Errno.EINVAL;
        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? Errno.ENAMETOOLONG : Errno.None;
    }

    /// <summary>
    /// Splits an absolute path into its names: it must start with '/'; repeated and trailing slashes
    /// are ignored ("/" is no names); "." and ".." are not supported (EINVAL), nor is a relative or empty path.
    /// Each name is checked as <see cref="CheckName"/> does.
    /// </summary>
    public static (Errno Error, IReadOnlyList<string> Names) SplitPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/') return (Errno.EINVAL, []);
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            if (CheckName(name) is not Errno.None and var error) return (error, []);
        }
        return (Errno.None, names);
    }
}
