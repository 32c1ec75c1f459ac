using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MachActors.Pagers.File;

/// <summary>
/// Pages as blocks of a host file: page P of an object is bytes [P x page size, + page size) of its file.
/// Synchronous I/O (<see cref="RandomAccess"/> on a handle opened for the one call), so a caller inside
/// an actor finishes the transfer in its own turn and no thread or task is involved. Host errors come
/// back as text, never as an exception.
/// </summary>
public static class PageFile
{
    /// <summary>
    /// Reads the page of <paramref name="path"/> at <paramref name="offset"/>: <see cref="PageRead.Data"/>
    /// (a short tail padded with zeros), <see cref="PageRead.Missing"/> at or beyond the end of the file
    /// (or when the file does not exist and <paramref name="missingIsEmpty"/>), else
    /// <see cref="PageRead.Fail"/> with the host's reason.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The page's offset in bytes (page-aligned, not negative).</param>
    /// <param name="pageSize">The page size in bytes.</param>
    /// <param name="missingIsEmpty">A file that does not exist reads as empty (a new object) instead of failing.</param>
    public static PageRead Read(string path, long offset, int pageSize, bool missingIsEmpty)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (offset < 0) return PageRead.Fail($"offset {offset} is negative");
        if (missingIsEmpty && !System.IO.File.Exists(path)) return PageRead.Missing;
        try
        {
            using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[pageSize];
            var total = 0;
            while (total < pageSize)
            {
                var read = RandomAccess.Read(handle, bytes.AsSpan(total), offset + total);
                if (read == 0) break;
                total += read;
            }
            return total == 0 ? PageRead.Missing : new PageRead(ImmutableCollectionsMarshal.AsImmutableArray(bytes), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return PageRead.Fail($"{path}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="page"/> at <paramref name="offset"/> of <paramref name="path"/> (extending the
    /// file, and creating it and its folder when <paramref name="create"/>); null on success, else the host's reason.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The page's offset in bytes.</param>
    /// <param name="page">The page's bytes.</param>
    /// <param name="create">Create the file (and its folder) when it does not exist.</param>
    public static string? Write(string path, long offset, ReadOnlySpan<byte> page, bool create)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (offset < 0) return $"offset {offset} is negative";
        try
        {
            if (create && Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            using var handle = System.IO.File.OpenHandle(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            RandomAccess.Write(handle, page, offset);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{path}: {e.Message}";
        }
    }
}
