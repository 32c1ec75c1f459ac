using MachActors.Kernel.Ipc;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>A process's file mappings without a machine: lookup by range, munmap clipping and splitting, fork's copy.</summary>
public sealed class MappingTableTests
{
    private static readonly FileObject File = new(1, 7, new PortName(0x703));

    private static MappingTable Table(params (ulong Address, ulong Size)[] mappings)
    {
        var table = new MappingTable();
        foreach (var (address, size) in mappings) table.Add(new FileMapping(address, size, File, (long)address / 2, Shared: true));
        return table;
    }

    private static string Show(IEnumerable<FileMapping> mappings) => string.Join(" ", mappings.Select(m => $"{m.Address:x}+{m.Size:x}@{m.Offset:x}"));

    [Fact]
    public void Within_RangeOverlapsTwo_ClippedPartsWithTheirFileOffsets()
    {
        var table = Table((0x4000, 0x2000), (0x1000, 0x1000), (0x8000, 0x1000));

        Assert.Equal("1000+1000@800 4000+2000@2000 8000+1000@4000", Show(table.All));
        Assert.Equal("1000+1000@800 4000+1000@2000", Show(table.Within(0x1000, 0x4000)));
        Assert.Equal("5000+1000@3000", Show(table.Within(0x5000, 0x1000)));
        Assert.Empty(table.Within(0x2000, 0x2000));
    }

    [Fact]
    public void Remove_MiddleOfAMapping_SplitsItAndKeepsOffsets()
    {
        var table = Table((0x4000, 0x4000));

        table.Remove(0x5000, 0x1000);

        Assert.Equal("4000+1000@2000 6000+2000@4000", Show(table.All));
    }

    [Fact]
    public void Remove_CoversOneAndTheEdgeOfAnother_ThatOneGoesTheOtherIsClipped()
    {
        var table = Table((0x1000, 0x1000), (0x2000, 0x2000));

        table.Remove(0x1000, 0x2000);
        Assert.Equal("3000+1000@2000", Show(table.All));

        table.Remove(0x9000, 0x1000); // nothing there: not an error
        Assert.Equal("3000+1000@2000", Show(table.All));
    }

    [Fact]
    public void Clone_Fork_IndependentCopyAndClearEmpties()
    {
        var parent = Table((0x1000, 0x1000));
        var child = parent.Clone();

        child.Remove(0x1000, 0x1000);
        parent.Clear();

        Assert.Empty(parent.All);
        Assert.Empty(child.All);
        Assert.Single(Table((0x1000, 0x1000)).Clone().All);
    }
}
