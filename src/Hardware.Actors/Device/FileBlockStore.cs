using System.Diagnostics.CodeAnalysis;
using Microsoft.Win32.SafeHandles;

namespace MachActors.Hardware.Device;

/// <summary>
/// Blocks in a host image file: block n at byte offset n x BlockSize. Opened by host code (at
/// <c>Machine.Boot</c>, or by a test) through <see cref="TryOpen"/>, never by an actor; reads and
/// writes are unbuffered positional I/O, so a completed write is in the file. A host failure
/// (the file shrank, the disk is full, the handle is closed) is <see cref="IoStatus.IoError"/>.
/// The <see cref="Disk"/> that owns the store disposes it when it stops.
/// </summary>
public sealed class FileBlockStore : IBlockStore
{
    private readonly SafeFileHandle _file;

    private FileBlockStore(SafeFileHandle file, string path, int blockSize, long blockCount)
    {
        _file = file;
        Path = path;
        BlockSize = blockSize;
        BlockCount = blockCount;
    }

    /// <summary>The image file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public int BlockSize { get; }

    /// <inheritdoc />
    public long BlockCount { get; }

    /// <summary>
    /// Opens <paramref name="path"/> as the image of a disk shaped like <paramref name="geometry"/>
    /// (read-only when <paramref name="readOnly"/>). The file must exist and hold at least the disk's
    /// size; extra bytes at its end are left alone. With <paramref name="create"/> (and not
    /// <paramref name="readOnly"/>) a missing file is created first, the disk's size of zeros.
    /// Returns false with a one-line reason otherwise.
    /// </summary>
    public static bool TryOpen(string path, DiskGeometry geometry, bool readOnly, [NotNullWhen(true)] out FileBlockStore? store, [NotNullWhen(false)] out string? error, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(geometry);
        store = null;
        SafeFileHandle? handle = null;
        try
        {
            var mode = create && !readOnly ? FileMode.OpenOrCreate : FileMode.Open;
            handle = File.OpenHandle(path, mode, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite);
            if (mode == FileMode.OpenOrCreate && RandomAccess.GetLength(handle) == 0) RandomAccess.SetLength(handle, geometry.SizeInBytes); // new (or empty): a fresh disk
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            handle?.Dispose();
            error = $"cannot open disk image '{path}': {e.Message}";
            return false;
        }
        var length = RandomAccess.GetLength(handle);
        if (length < geometry.SizeInBytes)
        {
            handle.Dispose();
            error = $"disk image '{path}' holds {length} bytes, fewer than the disk's {geometry.SizeInBytes} ({geometry.BlockCount} blocks of {geometry.BlockSize})";
            return false;
        }
        store = new FileBlockStore(handle, path, geometry.BlockSize, geometry.BlockCount);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public IoStatus Read(long block, Span<byte> into)
    {
        var offset = block * BlockSize;
        try
        {
            while (into.Length > 0)
            {
                var n = RandomAccess.Read(_file, into, offset);
                if (n <= 0) return IoStatus.IoError; // the file ended early: it shrank under us
                into = into[n..];
                offset += n;
            }
            return IoStatus.Success;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            return IoStatus.IoError;
        }
    }

    /// <inheritdoc />
    public IoStatus Write(long block, ReadOnlySpan<byte> data)
    {
        try
        {
            RandomAccess.Write(_file, data, block * BlockSize);
            return IoStatus.Success;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or NotSupportedException)
        {
            return IoStatus.IoError;
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
