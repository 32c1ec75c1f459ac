using System.Diagnostics.CodeAnalysis;
using MachActors.Hardware;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A task's address map (vm/vm_map.c) as a plain class, hosted by the task actor: entries sorted by
/// address, non-overlapping, within [<see cref="Min"/>, <see cref="Max"/>), and the vm_* calls on them.
/// Every call returns its Mach code and never throws on user input; what it does outside the map (to
/// the pmap and to VM objects) is queued as <see cref="VmMapEffect"/>s, taken with
/// <see cref="TakeEffects"/> and carried out in order by the host. Split by concern: .Calls
/// (allocate, deallocate, protect, inherit, region, map), .Fork, .Copy (copy-in, copy-out, overwrite).
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Entries are page-aligned, non-empty, sorted, non-overlapping, inside [Min, Max).
/// 2. An entry's protection is within its maximum; an entry without an object is neither needs-copy nor shared.
/// 3. The map holds exactly one reference on each object some entry names (<see cref="_named"/> counts
///    the entries); gaining the first entry takes it, losing the last releases it. Clipping and
///    coalescing never change the set of named objects, so they cost no effects.
/// 4. Adjacent entries that could be one (same object continuing, same attributes) are merged after
///    every call that changes entries.
/// </remarks>
public sealed partial class VmMap
{
    private readonly List<VmMapEntry> _entries = [];
    private readonly Dictionary<long, int> _named = [];
    private readonly List<VmMapEffect> _effects = [];
    private readonly Func<long> _newObjectId;

    /// <summary>
    /// An empty map of [<paramref name="min"/>, <paramref name="max"/>). Objects the map creates (anonymous
    /// memory it materialises, shadows, copies) get their ids from <paramref name="newObjectId"/>, which
    /// must return machine-wide unique positive ids.
    /// </summary>
    /// <exception cref="ArgumentException">The page size is not a power of two, or the bounds are unaligned or empty (a kernel bug, not user input).</exception>
    public VmMap(ulong min, ulong max, int pageSize, Func<long> newObjectId)
    {
        ArgumentNullException.ThrowIfNull(newObjectId);
        if (!VmAddress.IsValidPageSize(pageSize)) throw new ArgumentException($"page size {pageSize} is not a power of two", nameof(pageSize));
        if (!VmAddress.IsPageAligned(min, pageSize) || !VmAddress.IsPageAligned(max, pageSize) || min >= max)
        {
            throw new ArgumentException($"bad map bounds [{min:x}, {max:x})", nameof(min));
        }
        Min = min;
        Max = max;
        PageSize = pageSize;
        _newObjectId = newObjectId;
    }

    /// <summary>A task's map on <paramref name="config"/>'s page size: [one page, 4 GiB), page 0 left unmapped.</summary>
    public static VmMap ForTask(MachineConfig config, Func<long> newObjectId)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new VmMap((ulong)config.PageSize, 1UL << 32, config.PageSize, newObjectId) { SeededBugs = config.SeededBugs };
    }

    /// <summary>Test-only: the machine's seeded bugs (fork reads <see cref="SeededBugs.ForkCopyShares"/>); none by default.</summary>
    internal SeededBugs SeededBugs { get; init; }

    /// <summary>Lowest address of the map.</summary>
    public ulong Min { get; }

    /// <summary>Address after the highest address of the map.</summary>
    public ulong Max { get; }

    /// <summary>Page size in bytes.</summary>
    public int PageSize { get; }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries, in address order (a snapshot).</summary>
    public IReadOnlyList<VmMapEntry> Entries => [.. _entries];

    /// <summary>True when some entry names <paramref name="obj"/> (the map then holds one reference on it).</summary>
    public bool Names(VmObjectRef obj) => obj is not null && _named.ContainsKey(obj.Id);

    /// <summary>The effects of the calls since the last take, in order; forgets them.</summary>
    public IReadOnlyList<VmMapEffect> TakeEffects()
    {
        if (_effects.Count == 0) return [];
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>The entry containing <paramref name="address"/>; false when the address is unmapped.</summary>
    public bool Lookup(ulong address, [NotNullWhen(true)] out VmMapEntry? entry)
    {
        var i = IndexAtOrAfter(address);
        entry = i < _entries.Count && _entries[i].Start <= address ? _entries[i] : null;
        return entry is not null;
    }

    /// <summary>Index of the first entry ending after <paramref name="address"/> (Count when none).</summary>
    private int IndexAtOrAfter(ulong address)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_entries[mid].End <= address) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Splits the entry strictly containing <paramref name="address"/> (if any) in two at it.</summary>
    private void ClipAt(ulong address)
    {
        var i = IndexAtOrAfter(address);
        if (i >= _entries.Count) return;
        var e = _entries[i];
        if (e.Start >= address) return;
        var delta = address - e.Start;
        Replace(i, e with { End = address });
        Insert(i + 1, e with { Start = address, Offset = e.Object is null ? 0 : e.Offset + delta });
    }

    /// <summary>Clips at both ends of [start, end) and returns the index range [first, last) of the entries inside.</summary>
    private (int First, int Last) ClipRange(ulong start, ulong end)
    {
        ClipAt(start);
        ClipAt(end);
        var first = IndexAtOrAfter(start);
        var last = first;
        while (last < _entries.Count && _entries[last].Start < end) last++;
        return (first, last);
    }

    /// <summary>InvalidAddress unless [start, end) lies in [Min, Max) and every page of it is mapped.</summary>
    private KernReturn CheckMapped(ulong start, ulong end)
    {
        if (start < Min || end > Max) return KernReturn.InvalidAddress;
        var at = start;
        for (var i = IndexAtOrAfter(start); at < end; i++)
        {
            if (i >= _entries.Count || _entries[i].Start > at) return KernReturn.InvalidAddress;
            at = _entries[i].End;
        }
        return KernReturn.Success;
    }

    /// <summary>The entries overlapping [start, end), in order (without clipping).</summary>
    private IEnumerable<VmMapEntry> Overlapping(ulong start, ulong end)
    {
        for (var i = IndexAtOrAfter(start); i < _entries.Count && _entries[i].Start < end; i++) yield return _entries[i];
    }

    /// <summary>True when no entry overlaps [start, end).</summary>
    private bool IsFree(ulong start, ulong end)
    {
        var i = IndexAtOrAfter(start);
        return i >= _entries.Count || _entries[i].Start >= end;
    }

    /// <summary>
    /// First fit: the lowest start at or after <paramref name="from"/> (aligned to <paramref name="mask"/> + 1,
    /// and to a page) where <paramref name="size"/> bytes fit below Max.
    /// </summary>
    private bool TryFindSpace(ulong from, ulong size, ulong mask, out ulong start)
    {
        mask |= (ulong)PageSize - 1;
        start = 0;
        if (!TryAlign(Math.Max(from, Min), mask, out var candidate)) return false;
        for (var i = IndexAtOrAfter(candidate); i < _entries.Count; i++)
        {
            var e = _entries[i];
            if (candidate >= Max) return false;
            if (e.Start >= candidate && e.Start - candidate >= size)
            {
                start = candidate;
                return true;
            }
            if (!TryAlign(Math.Max(candidate, e.End), mask, out candidate)) return false;
        }
        if (candidate >= Max || Max - candidate < size) return false;
        start = candidate;
        return true;
    }

    private static bool TryAlign(ulong address, ulong mask, out ulong aligned)
    {
        aligned = 0;
        if (address > ulong.MaxValue - mask) return false;
        aligned = (address + mask) & ~mask;
        return true;
    }

    /// <summary>A fresh object ref from the machine's id source.</summary>
    private VmObjectRef NewObject() => new(_newObjectId());

    /// <summary>How an entry's object comes to be named by the map.</summary>
    private enum Naming
    {
        /// <summary>The map takes a reference if it had none (ObjectReferenced).</summary>
        Take,

        /// <summary>The caller hands one reference in: kept if the map had none, else dropped (ObjectReleased).</summary>
        Adopt,
    }

    private void Name(VmObjectRef? obj, Naming naming)
    {
        if (obj is null) return;
        var n = _named.GetValueOrDefault(obj.Id);
        _named[obj.Id] = n + 1;
        if (n == 0 && naming == Naming.Take) _effects.Add(new VmMapEffect.ObjectReferenced(obj));
        if (n > 0 && naming == Naming.Adopt) _effects.Add(new VmMapEffect.ObjectReleased(obj));
    }

    private void Unname(VmObjectRef? obj)
    {
        if (obj is null) return;
        var n = _named[obj.Id] - 1;
        if (n > 0)
        {
            _named[obj.Id] = n;
            return;
        }
        _named.Remove(obj.Id);
        _effects.Add(new VmMapEffect.ObjectReleased(obj));
    }

    private void Insert(int index, VmMapEntry entry, Naming naming = Naming.Take)
    {
        Name(entry.Object, naming);
        _entries.Insert(index, entry);
    }

    private void Replace(int index, VmMapEntry entry, Naming naming = Naming.Take)
    {
        Name(entry.Object, naming);
        Unname(_entries[index].Object);
        _entries[index] = entry;
    }

    private void RemoveRange(int first, int last)
    {
        for (var i = first; i < last; i++) Unname(_entries[i].Object);
        _entries.RemoveRange(first, last - first);
    }

    /// <summary>Merges mergeable neighbours among the entries touching [start, end] (invariant 4).</summary>
    private void Coalesce(ulong start, ulong end)
    {
        var i = IndexAtOrAfter(start);
        if (i > 0) i--;
        while (i + 1 < _entries.Count && _entries[i].Start <= end)
        {
            var a = _entries[i];
            var b = _entries[i + 1];
            if (CanMerge(a, b))
            {
                Replace(i, a with { End = b.End });
                RemoveRange(i + 1, i + 2);
            }
            else
            {
                i++;
            }
        }
    }

    private void CoalesceAll()
    {
        if (_entries.Count > 0) Coalesce(Min, Max);
    }

    private static bool CanMerge(VmMapEntry a, VmMapEntry b) =>
        a.End == b.Start
        && Equals(a.Object, b.Object)
        && (a.Object is null || a.Offset + a.Size == b.Offset)
        && a.Protection == b.Protection
        && a.MaxProtection == b.MaxProtection
        && a.Inheritance == b.Inheritance
        && a.NeedsCopy == b.NeedsCopy
        && a.Shared == b.Shared;

    /// <summary>Queues a pmap protect, merged with the previous one when it continues it with the same protection.</summary>
    private void ProtectPmap(ulong start, ulong end, VmProt protection)
    {
        if (_effects.Count > 0 && _effects[^1] is VmMapEffect.PmapProtect p && p.End == start && p.Protection == protection)
        {
            _effects[^1] = p with { End = end };
            return;
        }
        _effects.Add(new VmMapEffect.PmapProtect(start, end, protection));
    }
}
