using MachActors.Kernel;

namespace MachActors.Pagers.Default;

/// <summary>
/// The default pager's swap bookkeeping, without any I/O (spec §7): a fixed number of page-sized
/// slots on a block device, allocated lowest-free-first and freed with their object; per memory
/// object a page -> slot table; first copy wins for data_initialize; an object whose write failed is
/// poisoned; a page that found swap full is lost. Deterministic, single-threaded, never throws on
/// protocol input (codes only).
/// </summary>
public sealed class SwapMap
{
    private readonly Dictionary<long, SwapEntry> _objects = [];
    private readonly SortedSet<long> _freed = [];
    private long _highWater;

    /// <summary>A map of <paramref name="slotCount"/> slots of <paramref name="pageSize"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative slot count or a page size below one.</exception>
    public SwapMap(long slotCount, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        SlotCount = slotCount;
        PageSize = pageSize;
    }

    /// <summary>Slots on the device.</summary>
    public long SlotCount { get; }

    /// <summary>Bytes per page (and per slot's payload).</summary>
    public int PageSize { get; }

    /// <summary>Slots holding a page.</summary>
    public long UsedSlots => _highWater - _freed.Count;

    /// <summary>Memory objects in the map.</summary>
    public int Objects => _objects.Count;

    /// <summary>Adds memory object <paramref name="memoryObject"/> with no pages. Returns NameExists when it is already there.</summary>
    public KernReturn AddObject(long memoryObject) =>
        _objects.TryAdd(memoryObject, new SwapEntry()) ? KernReturn.Success : KernReturn.NameExists;

    /// <summary>True when <paramref name="memoryObject"/> is in the map.</summary>
    public bool HasObject(long memoryObject) => _objects.ContainsKey(memoryObject);

    /// <summary>What a data_request for the page at <paramref name="offset"/> finds.</summary>
    public SwapLookup Lookup(long memoryObject, long offset)
    {
        if (!_objects.TryGetValue(memoryObject, out var entry)) return new(SwapPageState.UnknownObject, -1, KernReturn.InvalidArgument);
        if (entry.Poison != KernReturn.Success) return new(SwapPageState.Poisoned, -1, entry.Poison);
        if (entry.Lost.TryGetValue(offset, out var lost)) return new(SwapPageState.Lost, -1, lost);
        return entry.Slots.TryGetValue(offset, out var slot)
            ? new(SwapPageState.Stored, slot, KernReturn.Success)
            : new(SwapPageState.NeverWritten, -1, KernReturn.Success);
    }

    /// <summary>
    /// Where the page at <paramref name="offset"/> of a data_return (<paramref name="initialize"/> false)
    /// or a data_initialize (true) is written: its slot, or the lowest free one. A data_initialize for a
    /// page already stored or lost is dropped (MemoryPresent: first copy wins). With no free slot the
    /// page becomes lost (NoSpace) and later requests for it get data_error, never stale data or zeros;
    /// a later placement that finds a slot clears the loss. See <see cref="SwapPlacement"/> for the codes.
    /// </summary>
    public SwapPlacement Place(long memoryObject, long offset, bool initialize)
    {
        if (!_objects.TryGetValue(memoryObject, out var entry) || offset < 0 || offset % PageSize != 0) return new(KernReturn.InvalidArgument, -1);
        if (entry.Poison != KernReturn.Success) return new(entry.Poison, -1);
        if (entry.Slots.TryGetValue(offset, out var slot)) return initialize ? new(KernReturn.MemoryPresent, -1) : new(KernReturn.Success, slot);
        if (initialize && entry.Lost.ContainsKey(offset)) return new(KernReturn.MemoryPresent, -1);
        if (!TryAllocate(out slot))
        {
            entry.Lost[offset] = KernReturn.NoSpace;
            return new(KernReturn.NoSpace, -1);
        }
        entry.Lost.Remove(offset);
        entry.Slots[offset] = slot;
        return new(KernReturn.Success, slot);
    }

    /// <summary>
    /// A write of <paramref name="memoryObject"/> failed (or the object was refused): from now on every
    /// request for it gets data_error with <paramref name="code"/> and its writes are dropped. The first
    /// poison code stays. Returns InvalidArgument for an unknown object or a Success code.
    /// </summary>
    public KernReturn Poison(long memoryObject, KernReturn code)
    {
        if (code == KernReturn.Success || !_objects.TryGetValue(memoryObject, out var entry)) return KernReturn.InvalidArgument;
        if (entry.Poison == KernReturn.Success) entry.Poison = code;
        return KernReturn.Success;
    }

    /// <summary>Drops <paramref name="memoryObject"/> and frees its slots (no-senders). Returns the slots freed, 0 for an unknown object.</summary>
    public int RemoveObject(long memoryObject)
    {
        if (!_objects.Remove(memoryObject, out var entry)) return 0;
        foreach (var slot in entry.Slots.Values) Free(slot);
        return entry.Slots.Count;
    }

    private bool TryAllocate(out long slot)
    {
        if (_freed.Count > 0)
        {
            slot = _freed.Min;
            _freed.Remove(slot);
            return true;
        }
        slot = _highWater;
        if (_highWater >= SlotCount) return false;
        _highWater++;
        return true;
    }

    private void Free(long slot)
    {
        if (slot == _highWater - 1)
        {
            _highWater--;
            while (_highWater > 0 && _freed.Remove(_highWater - 1)) _highWater--;
        }
        else
        {
            _freed.Add(slot);
        }
    }

    private sealed class SwapEntry
    {
        public Dictionary<long, long> Slots { get; } = [];

        public Dictionary<long, KernReturn> Lost { get; } = [];

        public KernReturn Poison { get; set; }
    }
}
