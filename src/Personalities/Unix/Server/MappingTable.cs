namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// A process's file mappings as the server made them (mmap) and took them away (munmap), without a
/// machine: what msync needs to find the file object behind an address range. fork copies the table,
/// exec and exit clear it. munmap of part of a mapping clips it (or splits it in two), as the task's map does.
/// </summary>
public sealed class MappingTable
{
    private readonly List<FileMapping> _mappings = [];

    /// <summary>The mappings by address.</summary>
    public IReadOnlyList<FileMapping> All => _mappings;

    /// <summary>Records a new mapping (mmap never maps over one: it maps anywhere).</summary>
    public void Add(FileMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        _mappings.Add(mapping);
        _mappings.Sort((a, b) => a.Address.CompareTo(b.Address));
    }

    /// <summary>The parts of the mappings inside [<paramref name="address"/>, +<paramref name="size"/>), by address.</summary>
    public IReadOnlyList<FileMapping> Within(ulong address, ulong size)
    {
        var end = address + size;
        return [.. _mappings.Where(m => m.Address < end && address < m.End).Select(m => Clip(m, Math.Max(address, m.Address), Math.Min(end, m.End)))];
    }

    /// <summary>munmap: the range leaves every mapping it touches (a mapping cut in the middle becomes two).</summary>
    public void Remove(ulong address, ulong size)
    {
        var end = address + size;
        var kept = new List<FileMapping>();
        foreach (var m in _mappings)
        {
            if (m.End <= address || end <= m.Address)
            {
                kept.Add(m);
                continue;
            }
            if (m.Address < address) kept.Add(Clip(m, m.Address, address));
            if (end < m.End) kept.Add(Clip(m, end, m.End));
        }
        _mappings.Clear();
        _mappings.AddRange(kept);
    }

    /// <summary>exec and exit: no mapping is left.</summary>
    public void Clear() => _mappings.Clear();

    /// <summary>fork: the child's task has the same mappings at the same addresses.</summary>
    public MappingTable Clone()
    {
        var copy = new MappingTable();
        copy._mappings.AddRange(_mappings);
        return copy;
    }

    private static FileMapping Clip(FileMapping m, ulong from, ulong to) =>
        m with { Address = from, Size = to - from, Offset = m.Offset + (long)(from - m.Address) };
}
