namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// A small write-back cache of whole blocks over an <see cref="IBlockDevice"/>: at most
/// <see cref="Capacity"/> blocks, the least recently used evicted first (a dirty one is written to the
/// device as it leaves), <see cref="Flush"/> writes every dirty block in block order. Deterministic: use
/// order is a counter, not time.
/// </summary>
/// <remarks>
/// A buffer <see cref="Get"/> returns is the cached block itself: change it and call
/// <see cref="MarkDirty"/> before the next call into the cache, which may evict it.
/// INVARIANTS: 1. At most Capacity blocks are held. 2. A dirty block leaves only after a successful
/// write (eviction, flush) or through <see cref="Forget"/> (its block was freed).
/// </remarks>
public sealed class BlockCache
{
    private readonly Dictionary<long, Entry> _entries = [];
    private long _clock;

    /// <summary>A cache of <paramref name="capacity"/> blocks (at least 4) over <paramref name="device"/>.</summary>
    public BlockCache(IBlockDevice device, int capacity = 64)
    {
        Device = device ?? throw new ArgumentNullException(nameof(device));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        Capacity = capacity;
    }

    /// <summary>The device below.</summary>
    public IBlockDevice Device { get; }

    /// <summary>The most blocks held.</summary>
    public int Capacity { get; }

    /// <summary>Blocks held now.</summary>
    public int Count => _entries.Count;

    /// <summary>Dirty blocks held now.</summary>
    public int DirtyCount => _entries.Values.Count(e => e.Dirty);

    /// <summary>Gets found in the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Gets that read the device.</summary>
    public long Misses { get; private set; }

    /// <summary>Block <paramref name="block"/>, read from the device if it is not held (EIO, EINVAL from the device; nothing cached then).</summary>
    public async Task<(Errno Error, byte[] Data)> Get(long block)
    {
        if (_entries.TryGetValue(block, out var held))
        {
            Hits++;
            held.Used = ++_clock;
            return (Errno.None, held.Data);
        }
        Misses++;
        if (await MakeRoom() is not Errno.None and var evictError) return (evictError, []);
        var data = new byte[Device.BlockSize];
        if (await Device.ReadBlock(block, data) is not Errno.None and var readError) return (readError, []);
        _entries[block] = new Entry(data) { Used = ++_clock };
        return (Errno.None, data);
    }

    /// <summary>Block <paramref name="block"/> as zeros, dirty, without reading the device (a block just allocated).</summary>
    public async Task<(Errno Error, byte[] Data)> GetZeroed(long block)
    {
        if (_entries.TryGetValue(block, out var held))
        {
            Array.Clear(held.Data);
            held.Dirty = true;
            held.Used = ++_clock;
            return (Errno.None, held.Data);
        }
        if (await MakeRoom() is not Errno.None and var error) return (error, []);
        var data = new byte[Device.BlockSize];
        _entries[block] = new Entry(data) { Used = ++_clock, Dirty = true };
        return (Errno.None, data);
    }

    /// <summary>Marks the held block <paramref name="block"/> changed (it will be written at eviction or flush). A block not held is ignored.</summary>
    public void MarkDirty(long block)
    {
        if (_entries.TryGetValue(block, out var held)) held.Dirty = true;
    }

    /// <summary>Drops block <paramref name="block"/> without writing it (its contents no longer matter: it was freed).</summary>
    public void Forget(long block) => _entries.Remove(block);

    /// <summary>Writes every dirty block, in block order; stops at the first failure (the rest stay dirty).</summary>
    public async Task<Errno> Flush()
    {
        foreach (var block in _entries.Where(e => e.Value.Dirty).Select(e => e.Key).Order().ToList())
        {
            var entry = _entries[block];
            if (await Device.WriteBlock(block, entry.Data) is not Errno.None and var error) return error;
            entry.Dirty = false;
        }
        return Errno.None;
    }

    /// <summary>Forgets every block, dirty or not (after a failed device, or to read the device afresh).</summary>
    public void Clear() => _entries.Clear();

    private async Task<Errno> MakeRoom()
    {
        while (_entries.Count >= Capacity)
        {
            var (victim, entry) = _entries.MinBy(e => e.Value.Used);
            if (entry.Dirty && await Device.WriteBlock(victim, entry.Data) is not Errno.None and var error) return error;
            _entries.Remove(victim);
        }
        return Errno.None;
    }

    private sealed class Entry(byte[] data)
    {
        public byte[] Data { get; } = data;

        public long Used { get; set; }

        public bool Dirty { get; set; }
    }
}
