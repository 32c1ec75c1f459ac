using System.Collections.Immutable;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace CustomPager;

/// <summary>
/// A pager on the MachActors pager SDK. A page nobody has written yet holds a pattern: the text
/// "object K page P " repeated, so a program can see where its bytes came from. A page the kernel
/// hands back (data_return: paged out, cleaned, or at the end of the object's use) is kept, and served
/// from then on. The SDK does the protocol's bookkeeping: it answers init with ready (not cached,
/// copy-on-write by COPY_DELAY), remembers which memory object each control port stands for
/// (<see cref="Pager.KeyOf"/>), forgets it at terminate, and ignores messages on stale control ports.
/// </summary>
/// <param name="pageSize">The machine's page size, passed by the plugin loader.</param>
public sealed class PatternPager(int pageSize) : Pager(pageSize)
{
    private readonly Dictionary<(long Key, long Offset), ImmutableArray<byte>> _kept = [];

    /// <summary>Pages the kernel returned and this pager keeps.</summary>
    public int KeptPages => _kept.Count;

    /// <summary>data_request: the kept page, or the pattern; supplied not precious and without a lock.</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        var key = KeyOf(request.Control);
        var page = _kept.TryGetValue((key, request.Offset), out var kept) ? kept : Pattern(key, request.Offset, PageSize);
        Supply(request.Control, request.Offset, page, lockValue: VmProt.None, precious: false);
    }

    /// <summary>data_return: the page is kept, whether it was modified (dirty) or handed back clean.</summary>
    protected override void OnDataReturn(DataReturn returned) =>
        _kept[(KeyOf(returned.Control), returned.Offset)] = returned.Data;

    /// <summary>The bytes of a never-written page: "object K page P " repeated to fill the page.</summary>
    public static ImmutableArray<byte> Pattern(long key, long offset, int pageSize)
    {
        var text = System.Text.Encoding.ASCII.GetBytes($"object {key} page {offset / pageSize} ");
        var page = new byte[pageSize];
        for (var i = 0; i < pageSize; i++) page[i] = text[i % text.Length];
        return [.. page];
    }
}
