using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A task's hardware mappings: virtual page -> (<see cref="FrameNumber"/>, <see cref="VmProt"/>, wired),
/// and for each mapping the CPUs that may cache it (fed by <see cref="NoteCached"/> when a TLB takes it).
/// Calls that take access away report each mapping removed or narrowed with those CPUs, so the kernel
/// knows which shootdowns to send (<see cref="ShootdownTracker"/>). Pages are virtual page numbers
/// (address / page size). Bad input is a <see cref="KernReturn"/> code and changes nothing.
/// </summary>
/// <param name="id">The pmap's id, as TLB entries and shootdowns name it.</param>
public sealed class Pmap(long id)
{
    private readonly Dictionary<long, PmapEntry> _entries = [];

    /// <summary>The pmap's id.</summary>
    public long Id { get; } = id;

    /// <summary>Mappings held.</summary>
    public int Count => _entries.Count;

    /// <summary>Wired mappings held.</summary>
    public int WiredCount => _entries.Values.Count(e => e.Wired);

    /// <summary>The CPUs that may cache any mapping of this pmap (bit n = CPU n).</summary>
    public ulong Cpus => _entries.Values.Aggregate(0UL, (mask, e) => mask | e.Cpus);

    /// <summary>The mapping of <paramref name="page"/>, if any.</summary>
    public bool Lookup(long page, out PmapEntry entry) => _entries.TryGetValue(page, out entry);

    /// <summary>
    /// Maps <paramref name="page"/> to <paramref name="frame"/> with <paramref name="protection"/> (pmap_enter).
    /// Over a mapping of another frame, reports that mapping removed; over the same frame with less access,
    /// reports the narrowing (the CPUs caching it are kept); more or equal access needs no shootdown (a CPU
    /// holding the old entry takes a protection fault and refaults). InvalidAddress for a negative page;
    /// InvalidArgument for a negative frame, no access or bits outside <see cref="VmProt.All"/>.
    /// </summary>
    public PmapResult Enter(long page, FrameNumber frame, VmProt protection, bool wired = false)
    {
        if (page < 0) return PmapResult.Fail(KernReturn.InvalidAddress);
        if (frame.Value < 0 || protection == VmProt.None || !IsValid(protection)) return PmapResult.Fail(KernReturn.InvalidArgument);
        var changes = new List<PmapChange>(1);
        var cpus = 0UL;
        if (_entries.TryGetValue(page, out var old))
        {
            if (old.Frame != frame)
            {
                changes.Add(new PmapChange(page, old.Frame, old.Protection, VmProt.None, old.Cpus));
            }
            else
            {
                cpus = old.Cpus;
                if ((old.Protection & ~protection) != 0) changes.Add(new PmapChange(page, frame, old.Protection, protection, old.Cpus));
            }
        }
        _entries[page] = new PmapEntry(frame, protection, wired, cpus);
        return new PmapResult(KernReturn.Success, changes);
    }

    /// <summary>
    /// Removes every mapping of pages <paramref name="firstPage"/> .. + <paramref name="pageCount"/> - 1
    /// (pmap_remove; wired ones too) and reports each. InvalidAddress for a negative first page;
    /// InvalidArgument for a count below one.
    /// </summary>
    public PmapResult Remove(long firstPage, long pageCount)
    {
        var check = CheckRange(firstPage, pageCount);
        if (check != KernReturn.Success) return PmapResult.Fail(check);
        var changes = new List<PmapChange>();
        foreach (var page in PagesIn(firstPage, pageCount)) changes.Add(RemovePage(page));
        return new PmapResult(KernReturn.Success, changes);
    }

    /// <summary>
    /// Narrows every mapping of pages <paramref name="firstPage"/> .. + <paramref name="pageCount"/> - 1 to
    /// at most <paramref name="protection"/> (pmap_protect: it only takes access away; a mapping left with
    /// none is removed) and reports each mapping that changed. InvalidAddress for a negative first page;
    /// InvalidArgument for a count below one or bits outside <see cref="VmProt.All"/>.
    /// </summary>
    public PmapResult Protect(long firstPage, long pageCount, VmProt protection)
    {
        var check = CheckRange(firstPage, pageCount);
        if (check != KernReturn.Success) return PmapResult.Fail(check);
        if (!IsValid(protection)) return PmapResult.Fail(KernReturn.InvalidArgument);
        var changes = new List<PmapChange>();
        foreach (var page in PagesIn(firstPage, pageCount))
        {
            var old = _entries[page];
            var narrowed = old.Protection & protection;
            if (narrowed == old.Protection) continue;
            if (narrowed == VmProt.None)
            {
                changes.Add(RemovePage(page));
                continue;
            }
            _entries[page] = old with { Protection = narrowed };
            changes.Add(new PmapChange(page, old.Frame, old.Protection, narrowed, old.Cpus));
        }
        return new PmapResult(KernReturn.Success, changes);
    }

    /// <summary>Removes every mapping of <paramref name="frame"/> (pmap_page_protect to none: the paging daemon's "unmap everywhere" within this pmap) and reports each.</summary>
    public PmapResult RemoveFrame(FrameNumber frame)
    {
        var pages = _entries.Where(kv => kv.Value.Frame == frame).Select(kv => kv.Key).Order().ToList();
        return new PmapResult(KernReturn.Success, pages.Select(RemovePage).ToList());
    }

    /// <summary>Records that <paramref name="cpu"/>'s TLB took the mapping of <paramref name="page"/>. InvalidAddress when the page is not mapped; InvalidArgument for a CPU outside 0-63.</summary>
    public KernReturn NoteCached(long page, int cpu)
    {
        if (cpu is < 0 or >= ShootdownTracker.MaxCpus) return KernReturn.InvalidArgument;
        if (!_entries.TryGetValue(page, out var entry)) return KernReturn.InvalidAddress;
        _entries[page] = entry with { Cpus = entry.Cpus | (1UL << cpu) };
        return KernReturn.Success;
    }

    /// <summary>Sets whether the mapping of <paramref name="page"/> is wired (pmap_change_wiring). InvalidAddress when the page is not mapped.</summary>
    public KernReturn SetWired(long page, bool wired)
    {
        if (!_entries.TryGetValue(page, out var entry)) return KernReturn.InvalidAddress;
        _entries[page] = entry with { Wired = wired };
        return KernReturn.Success;
    }

    private PmapChange RemovePage(long page)
    {
        var old = _entries[page];
        _entries.Remove(page);
        return new PmapChange(page, old.Frame, old.Protection, VmProt.None, old.Cpus);
    }

    private static KernReturn CheckRange(long firstPage, long pageCount) =>
        firstPage < 0 ? KernReturn.InvalidAddress : pageCount < 1 ? KernReturn.InvalidArgument : KernReturn.Success;

    private static bool IsValid(VmProt protection) => (protection & ~VmProt.All) == 0;

    // The mapped pages of the range in ascending order; the cost is the smaller of the range and the mappings held.
    private List<long> PagesIn(long firstPage, long pageCount)
    {
        var last = pageCount > long.MaxValue - firstPage ? long.MaxValue : firstPage + pageCount - 1;
        if (pageCount <= _entries.Count)
        {
            var pages = new List<long>();
            for (var page = firstPage; page <= last; page++)
            {
                if (_entries.ContainsKey(page)) pages.Add(page);
                if (page == long.MaxValue) break;
            }
            return pages;
        }
        return _entries.Keys.Where(p => p >= firstPage && p <= last).Order().ToList();
    }
}
