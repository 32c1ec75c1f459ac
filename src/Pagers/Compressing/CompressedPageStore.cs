using System.Buffers;
using System.Collections.Immutable;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace MachActors.Pagers.Compressing;

/// <summary>
/// Pages kept compressed in memory, by (memory object key, offset): a plain class (no actor), the
/// <see cref="CompressingPager"/>'s store. Compression is Brotli through the span API
/// (<see cref="BrotliEncoder.TryCompress(ReadOnlySpan{byte}, Span{byte}, out int, int, int)"/>) at
/// quality <see cref="Quality"/> and window <see cref="WindowBits"/>: one call per page, no stream
/// objects, deterministic output for the same input. A page that does not shrink is kept raw (flagged),
/// so the store never holds more than a page per page plus the flag. The counters describe what is
/// stored now (a page stored again replaces its old bytes in the totals).
/// </summary>
/// <param name="pageSize">The page size in bytes; every page stored and loaded has this size.</param>
public sealed class CompressedPageStore(int pageSize)
{
    /// <summary>Brotli quality 1 (of 0 to 11): cheap compression, enough to fold a page's repeats.</summary>
    public const int Quality = 1;

    /// <summary>Brotli window of 2^16 bytes: larger than any page the machine uses, so a page's repeats are all in reach.</summary>
    public const int WindowBits = 16;

    private readonly Dictionary<(long Key, long Offset), Entry> _pages = [];

    /// <summary>The page size in bytes.</summary>
    public int PageSize { get; } = pageSize > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize));

    /// <summary>Pages stored now.</summary>
    public int Pages => _pages.Count;

    /// <summary>Raw bytes of the pages stored now (pages x page size).</summary>
    public long RawBytes => (long)_pages.Count * PageSize;

    /// <summary>Bytes the stored pages take, compressed (a page kept raw counts its page size).</summary>
    public long CompressedBytes { get; private set; }

    /// <summary>Stored pages that did not shrink and are kept raw.</summary>
    public int RawPages { get; private set; }

    /// <summary>Stores <paramref name="page"/> (exactly one page) as object <paramref name="key"/>'s page at <paramref name="offset"/>; false (nothing stored) for a page of the wrong size.</summary>
    public bool Put(long key, long offset, ReadOnlySpan<byte> page)
    {
        if (page.Length != PageSize) return false;
        Remove(key, offset);
        var buffer = ArrayPool<byte>.Shared.Rent(PageSize);
        try
        {
            var shrunk = BrotliEncoder.TryCompress(page, buffer.AsSpan(0, PageSize - 1), out var written, Quality, WindowBits);
            var entry = shrunk ? new Entry(buffer.AsSpan(0, written).ToArray(), true) : new Entry(page.ToArray(), false);
            _pages[(key, offset)] = entry;
            CompressedBytes += entry.Bytes.Length;
            if (!entry.Compressed) RawPages++;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Object <paramref name="key"/>'s page at <paramref name="offset"/>, decompressed; false when it was never stored (or its bytes do not decode, which only a bug could cause).</summary>
    public bool TryGet(long key, long offset, out ImmutableArray<byte> page)
    {
        page = default;
        if (!_pages.TryGetValue((key, offset), out var entry)) return false;
        if (!entry.Compressed)
        {
            page = [.. entry.Bytes];
            return true;
        }
        var bytes = new byte[PageSize];
        if (!BrotliDecoder.TryDecompress(entry.Bytes, bytes, out var written) || written != PageSize) return false;
        page = ImmutableCollectionsMarshal.AsImmutableArray(bytes);
        return true;
    }

    /// <summary>Whether object <paramref name="key"/>'s page at <paramref name="offset"/> is stored.</summary>
    public bool Contains(long key, long offset) => _pages.ContainsKey((key, offset));

    /// <summary>Forgets object <paramref name="key"/>'s page at <paramref name="offset"/> (nothing when it is not stored).</summary>
    public void Remove(long key, long offset)
    {
        if (!_pages.Remove((key, offset), out var old)) return;
        CompressedBytes -= old.Bytes.Length;
        if (!old.Compressed) RawPages--;
    }

    /// <summary>One stored page: its bytes, compressed or raw.</summary>
    private sealed record Entry(byte[] Bytes, bool Compressed);
}
