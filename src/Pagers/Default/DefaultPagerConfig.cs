using System.Globalization;

namespace MachActors.Pagers.Default;

/// <summary>
/// Where the default pager keeps its swap: blocks <see cref="FirstBlock"/> .. FirstBlock + BlockCount - 1
/// of one disk, cut into slots of one page each (a page smaller than a block takes a whole block).
/// </summary>
public sealed record DefaultPagerConfig
{
    /// <summary>The kernel's page size in bytes; a memory_object_create with another size is refused. Default 4096.</summary>
    public int PageSize { get; init; } = 4096;

    /// <summary>The disk's block size in bytes. Default 512.</summary>
    public int BlockSize { get; init; } = 512;

    /// <summary>The swap partition's first block. Default 0.</summary>
    public long FirstBlock { get; init; }

    /// <summary>The swap partition's length in blocks. Default 2048 (the default disk).</summary>
    public long BlockCount { get; init; } = 2048;

    /// <summary>Blocks per slot: the page size rounded up to whole blocks.</summary>
    public int BlocksPerSlot => BlockSize <= 0 ? 0 : (PageSize + BlockSize - 1) / BlockSize;

    /// <summary>Slots in the partition.</summary>
    public long SlotCount => BlocksPerSlot <= 0 ? 0 : BlockCount / BlocksPerSlot;

    /// <summary>Bytes one slot's transfer moves.</summary>
    public int SlotBytes => BlocksPerSlot * BlockSize;

    /// <summary>Every problem with this configuration, in words; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (PageSize < 1) problems.Add(string.Create(inv, $"page size must be positive, not {PageSize}"));
        if (BlockSize < 1) problems.Add(string.Create(inv, $"block size must be positive, not {BlockSize}"));
        if (FirstBlock < 0) problems.Add(string.Create(inv, $"first block must not be negative, not {FirstBlock}"));
        if (BlockCount < 0) problems.Add(string.Create(inv, $"block count must not be negative, not {BlockCount}"));
        return problems;
    }
}
