using MachActors.Hardware.Memory;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class PmapTests
{
    private const VmProt RW = VmProt.Read | VmProt.Write;
    private static readonly FrameNumber F1 = new(1), F2 = new(2);

    private readonly Pmap _pmap = new(id: 42);

    [Fact]
    public void Enter_NewPage_MapsItWithNoChanges()
    {
        var result = _pmap.Enter(5, F1, RW, wired: true);

        Assert.Equal(KernReturn.Success, result.Status);
        Assert.Empty(result.Changes);
        Assert.True(_pmap.Lookup(5, out var entry));
        Assert.Equal(new PmapEntry(F1, RW, true, 0), entry);
        Assert.Equal(1, _pmap.WiredCount);
        Assert.Equal(42, _pmap.Id);
    }

    [Theory]
    [InlineData(-1, 1, VmProt.Read, KernReturn.InvalidAddress)]
    [InlineData(0, -1, VmProt.Read, KernReturn.InvalidArgument)]
    [InlineData(0, 1, VmProt.None, KernReturn.InvalidArgument)]
    [InlineData(0, 1, (VmProt)8, KernReturn.InvalidArgument)]
    public void Enter_BadInput_IsACodeAndMapsNothing(long page, int frame, VmProt prot, KernReturn expected)
    {
        Assert.Equal(expected, _pmap.Enter(page, new FrameNumber(frame), prot).Status);
        Assert.Equal(0, _pmap.Count);
    }

    [Fact]
    public void Enter_OverAnotherFrame_ReportsTheOldMappingRemovedWithItsCpus()
    {
        _pmap.Enter(5, F1, RW);
        _pmap.NoteCached(5, 1);

        var result = _pmap.Enter(5, F2, VmProt.Read);

        Assert.Equal([new PmapChange(5, F1, RW, VmProt.None, 0b10)], result.Changes);
        Assert.True(result.Changes[0].Removed);
        _pmap.Lookup(5, out var entry);
        Assert.Equal(new PmapEntry(F2, VmProt.Read, false, 0), entry);
    }

    [Fact]
    public void Enter_SameFrameLessAccess_ReportsTheDowngrade()
    {
        _pmap.Enter(5, F1, RW);
        _pmap.NoteCached(5, 0);

        var result = _pmap.Enter(5, F1, VmProt.Read);

        Assert.Equal([new PmapChange(5, F1, RW, VmProt.Read, 0b1)], result.Changes);
        Assert.False(result.Changes[0].Removed);
    }

    [Fact]
    public void Enter_SameFrameMoreAccess_ReportsNothingAndKeepsTheCpus()
    {
        _pmap.Enter(5, F1, VmProt.Read);
        _pmap.NoteCached(5, 3);

        var result = _pmap.Enter(5, F1, RW);

        Assert.Empty(result.Changes);
        _pmap.Lookup(5, out var entry);
        Assert.Equal(0b1000UL, entry.Cpus);
    }

    [Fact]
    public void Remove_Range_RemovesAndReportsEachMappingInPageOrder()
    {
        foreach (var page in new long[] { 9, 1, 4, 20 }) _pmap.Enter(page, new FrameNumber((int)page), VmProt.Read);
        _pmap.NoteCached(4, 0);

        var result = _pmap.Remove(1, 9);

        Assert.Equal([1L, 4L, 9L], result.Changes.Select(c => c.Page));
        Assert.Equal(0b1UL, result.Cpus);
        Assert.All(result.Changes, c => Assert.True(c.Removed));
        Assert.Equal(1, _pmap.Count);
        Assert.True(_pmap.Lookup(20, out _));
    }

    [Fact]
    public void Remove_HugeRange_UsesTheMappingsAndDoesNotOverflow()
    {
        _pmap.Enter(3, F1, VmProt.Read);
        _pmap.Enter(long.MaxValue - 1, F2, VmProt.Read);

        var result = _pmap.Remove(0, long.MaxValue);

        Assert.Equal([3L, long.MaxValue - 1], result.Changes.Select(c => c.Page));
        Assert.Equal(0, _pmap.Count);
    }

    [Theory]
    [InlineData(-1, 1, KernReturn.InvalidAddress)]
    [InlineData(0, 0, KernReturn.InvalidArgument)]
    public void RemoveAndProtect_BadRange_AreCodes(long first, long count, KernReturn expected)
    {
        _pmap.Enter(0, F1, VmProt.Read);

        Assert.Equal(expected, _pmap.Remove(first, count).Status);
        Assert.Equal(expected, _pmap.Protect(first, count, VmProt.None).Status);
        Assert.Equal(1, _pmap.Count);
    }

    [Fact]
    public void Protect_Downgrades_ReportsOnlyMappingsThatLostAccess()
    {
        _pmap.Enter(1, F1, RW);
        _pmap.Enter(2, F2, VmProt.Read);
        _pmap.NoteCached(1, 2);

        var result = _pmap.Protect(0, 10, VmProt.Read | VmProt.Execute);

        Assert.Equal([new PmapChange(1, F1, RW, VmProt.Read, 0b100)], result.Changes);
        _pmap.Lookup(1, out var entry);
        Assert.Equal(VmProt.Read, entry.Protection);
    }

    [Fact]
    public void Protect_NeverAddsAccess()
    {
        _pmap.Enter(1, F1, VmProt.Read);

        var result = _pmap.Protect(1, 1, VmProt.All);

        Assert.Empty(result.Changes);
        _pmap.Lookup(1, out var entry);
        Assert.Equal(VmProt.Read, entry.Protection);
    }

    [Fact]
    public void Protect_ToNone_RemovesTheMapping()
    {
        _pmap.Enter(1, F1, RW);

        var result = _pmap.Protect(1, 1, VmProt.None);

        Assert.True(result.Changes.Single().Removed);
        Assert.False(_pmap.Lookup(1, out _));
    }

    [Fact]
    public void Protect_BadBits_IsInvalidArgument()
    {
        Assert.Equal(KernReturn.InvalidArgument, _pmap.Protect(0, 1, (VmProt)9).Status);
    }

    [Fact]
    public void RemoveFrame_RemovesEveryPageMappingIt()
    {
        _pmap.Enter(7, F1, VmProt.Read);
        _pmap.Enter(3, F1, RW);
        _pmap.Enter(5, F2, VmProt.Read);

        var result = _pmap.RemoveFrame(F1);

        Assert.Equal([3L, 7L], result.Changes.Select(c => c.Page));
        Assert.Equal(1, _pmap.Count);
    }

    [Fact]
    public void NoteCached_CollectsCpusPerMapping()
    {
        _pmap.Enter(1, F1, VmProt.Read);
        _pmap.Enter(2, F2, VmProt.Read);

        Assert.Equal(KernReturn.Success, _pmap.NoteCached(1, 0));
        Assert.Equal(KernReturn.Success, _pmap.NoteCached(2, 5));

        Assert.Equal(0b100001UL, _pmap.Cpus);
        Assert.Equal(KernReturn.InvalidAddress, _pmap.NoteCached(3, 0));
        Assert.Equal(KernReturn.InvalidArgument, _pmap.NoteCached(1, 64));
    }

    [Fact]
    public void SetWired_ChangesWiringOnlyOfMappedPages()
    {
        _pmap.Enter(1, F1, VmProt.Read);

        Assert.Equal(KernReturn.Success, _pmap.SetWired(1, true));
        Assert.Equal(KernReturn.InvalidAddress, _pmap.SetWired(2, true));
        Assert.Equal(1, _pmap.WiredCount);
    }

    [Fact]
    public void VmProt_MatchesPageAccessBitForBit()
    {
        Assert.Equal((int)PageAccess.All, (int)VmProt.All);
        Assert.Equal((int)PageAccess.Write, (int)VmProt.Write);
        Assert.Equal(2, (int)VmInherit.None);
    }
}
