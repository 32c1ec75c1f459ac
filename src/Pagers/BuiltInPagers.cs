using System.Diagnostics.CodeAnalysis;
using MachActors.Pagers.Compressing;
using MachActors.Pagers.Dsm;
using MachActors.Pagers.File;
using MachActors.Pagers.Memory;

namespace MachActors.Pagers;

/// <summary>
/// The pagers built into MachActors, by the name <c>--pager NAME</c> takes beside <c>PATH.dll:Type</c>
/// (docs/PAGERS.md): the one table <c>run</c>, <c>explore</c>, <c>replay</c> and the pager checks use
/// (through <see cref="Sdk.PagerPlugin.TryLoad"/>, which answers a built-in name with its entry here).
/// </summary>
public static class BuiltInPagers
{
    /// <summary>Every built-in pager, in the order listings show them.</summary>
    public static IReadOnlyList<BuiltInPager> All { get; } =
    [
        new("memory", typeof(MemoryPager), "pages kept in the pager's memory; a never-written page holds a pattern of its object and offset",
            size => new MemoryPager(size), null),
        new("file", typeof(FilePager), "each memory object is a host file (object-K.bin in a scratch folder); data_return writes the file back",
            size => new FilePager(size), GetFilePagerStats.Instance),
        new("compressing", typeof(CompressingPager), "returned pages kept Brotli-compressed in memory; reports the compression ratio",
            size => new CompressingPager(size), GetCompressingPagerStats.Instance),
        new("dsm", typeof(DsmPager), "distributed shared memory: each key is a node's view of a segment, kept coherent read-many / write-one with lock_request",
            size => new DsmPager(size), GetDsmPagerStats.Instance),
    ];

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));

    /// <summary>The built-in pager named <paramref name="name"/> (exact, lower case), or false.</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out BuiltInPager? pager)
    {
        pager = All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.Ordinal));
        return pager is not null;
    }
}
