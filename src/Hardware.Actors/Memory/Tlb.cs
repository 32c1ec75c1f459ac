namespace MachActors.Hardware.Memory;

/// <summary>
/// One CPU's translation lookaside buffer: at most <see cref="Capacity"/> translations
/// (pmap id, virtual page) -> (frame, access). Replacement is least-recently-used (a hit or an insert
/// makes an entry the most recent), which depends only on the order of calls, so it is deterministic.
/// The kernel keeps it coherent by invalidation (<see cref="TlbShootdown"/>). Bad input is a code.
/// </summary>
public sealed class Tlb
{
    /// <summary>The default capacity: 64 entries.</summary>
    public const int DefaultCapacity = 64;

    private readonly Dictionary<(long PmapId, long Page), LinkedListNode<TlbEntry>> _index = [];
    private readonly LinkedList<TlbEntry> _lru = new(); // first = least recently used
    private long _hits, _misses, _protectionFaults, _inserts, _evictions, _invalidated;

    /// <summary>An empty TLB of <paramref name="capacity"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive (a configuration error).</exception>
    public Tlb(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The most translations held at once.</summary>
    public int Capacity { get; }

    /// <summary>Translations held now.</summary>
    public int Count => _lru.Count;

    /// <summary>The translations held, least recently used first.</summary>
    public IReadOnlyList<TlbEntry> Entries => [.. _lru];

    /// <summary>
    /// Translates <paramref name="page"/> of <paramref name="pmapId"/> for <paramref name="access"/>:
    /// <see cref="TlbResult.Hit"/> with the entry (which becomes the most recent), <see cref="TlbResult.Miss"/>,
    /// or <see cref="TlbResult.ProtectionFault"/> with the entry that does not allow the access.
    /// <see cref="TlbResult.InvalidArgument"/> for a negative page or an access outside <see cref="PageAccess.All"/>.
    /// </summary>
    public TlbResult Lookup(long pmapId, long page, PageAccess access, out TlbEntry entry)
    {
        entry = default;
        if (page < 0 || (access & ~PageAccess.All) != 0) return TlbResult.InvalidArgument;
        if (!_index.TryGetValue((pmapId, page), out var node))
        {
            _misses++;
            return TlbResult.Miss;
        }
        entry = node.Value;
        if ((entry.Access & access) != access)
        {
            _protectionFaults++;
            return TlbResult.ProtectionFault;
        }
        _hits++;
        Touch(node);
        return TlbResult.Hit;
    }

    /// <summary>
    /// Caches <paramref name="page"/> of <paramref name="pmapId"/> -> (<paramref name="frame"/>, <paramref name="access"/>),
    /// replacing a translation of the same page, else evicting the least recently used one when full.
    /// The new entry is the most recent. <see cref="TlbResult.Hit"/> when done;
    /// <see cref="TlbResult.InvalidArgument"/> (nothing changed) for a negative page or frame, no access, or bits outside <see cref="PageAccess.All"/>.
    /// </summary>
    public TlbResult Insert(long pmapId, long page, FrameNumber frame, PageAccess access)
    {
        if (page < 0 || frame.Value < 0 || access == PageAccess.None || (access & ~PageAccess.All) != 0) return TlbResult.InvalidArgument;
        var entry = new TlbEntry(pmapId, page, frame, access);
        _inserts++;
        if (_index.TryGetValue((pmapId, page), out var node))
        {
            node.Value = entry;
            Touch(node);
            return TlbResult.Hit;
        }
        if (_lru.Count == Capacity)
        {
            var victim = _lru.First!;
            _lru.RemoveFirst();
            _index.Remove((victim.Value.PmapId, victim.Value.Page));
            _evictions++;
        }
        _index[(pmapId, page)] = _lru.AddLast(entry);
        return TlbResult.Hit;
    }

    /// <summary>
    /// Drops every translation of <paramref name="pmapId"/> for pages <paramref name="firstPage"/> to
    /// <paramref name="firstPage"/> + <paramref name="pageCount"/> - 1 and returns how many there were.
    /// A negative first page or a count below one drops nothing. The range may be huge (the cost is per entry held).
    /// </summary>
    public int Invalidate(long pmapId, long firstPage, long pageCount)
    {
        if (firstPage < 0 || pageCount < 1) return 0;
        var last = pageCount > long.MaxValue - firstPage ? long.MaxValue : firstPage + pageCount - 1;
        return RemoveWhere(e => e.PmapId == pmapId && e.Page >= firstPage && e.Page <= last);
    }

    /// <summary>Drops every translation of <paramref name="pmapId"/> and returns how many there were.</summary>
    public int InvalidateAll(long pmapId) => RemoveWhere(e => e.PmapId == pmapId);

    /// <summary>Performs <paramref name="request"/> (a range or a whole pmap) and returns how many translations were dropped.</summary>
    public int Apply(TlbShootdown request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsWholePmap ? InvalidateAll(request.PmapId) : Invalidate(request.PmapId, request.FirstPage, request.PageCount);
    }

    /// <summary>The counters now.</summary>
    public TlbStats Stats => new(_hits, _misses, _protectionFaults, _inserts, _evictions, _invalidated, _lru.Count);

    private int RemoveWhere(Func<TlbEntry, bool> match)
    {
        var removed = 0;
        for (var node = _lru.First; node is not null;)
        {
            var next = node.Next;
            if (match(node.Value))
            {
                _lru.Remove(node);
                _index.Remove((node.Value.PmapId, node.Value.Page));
                removed++;
            }
            node = next;
        }
        _invalidated += removed;
        return removed;
    }

    private void Touch(LinkedListNode<TlbEntry> node)
    {
        if (node.Next is null) return;
        _lru.Remove(node);
        _lru.AddLast(node);
    }
}
