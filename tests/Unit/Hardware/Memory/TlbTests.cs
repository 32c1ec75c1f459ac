using MachActors.Hardware.Memory;

namespace MachActors.Tests.Unit.Hardware.Memory;

public sealed class TlbTests
{
    private const long P = 7, Q = 8;

    [Fact]
    public void Lookup_Empty_IsAMiss()
    {
        var tlb = new Tlb();

        Assert.Equal(TlbResult.Miss, tlb.Lookup(P, 3, PageAccess.Read, out _));
        Assert.Equal(1, tlb.Stats.Misses);
    }

    [Fact]
    public void Lookup_AfterInsert_HitsWithTheFrame()
    {
        var tlb = new Tlb();
        Assert.Equal(TlbResult.Hit, tlb.Insert(P, 3, new FrameNumber(9), PageAccess.Read | PageAccess.Write));

        Assert.Equal(TlbResult.Hit, tlb.Lookup(P, 3, PageAccess.Write, out var entry));

        Assert.Equal(new TlbEntry(P, 3, new FrameNumber(9), PageAccess.Read | PageAccess.Write), entry);
        Assert.Equal(TlbResult.Miss, tlb.Lookup(Q, 3, PageAccess.Read, out _));
    }

    [Fact]
    public void Lookup_AccessNotAllowed_IsAProtectionFault()
    {
        var tlb = new Tlb();
        tlb.Insert(P, 3, new FrameNumber(9), PageAccess.Read);

        Assert.Equal(TlbResult.ProtectionFault, tlb.Lookup(P, 3, PageAccess.Read | PageAccess.Write, out var entry));

        Assert.Equal(PageAccess.Read, entry.Access);
        Assert.Equal(1, tlb.Stats.ProtectionFaults);
    }

    [Fact]
    public void Insert_SamePage_ReplacesWithoutEviction()
    {
        var tlb = new Tlb(capacity: 1);
        tlb.Insert(P, 3, new FrameNumber(1), PageAccess.Read);

        tlb.Insert(P, 3, new FrameNumber(2), PageAccess.All);

        tlb.Lookup(P, 3, PageAccess.Write, out var entry);
        Assert.Equal(new FrameNumber(2), entry.Frame);
        Assert.Equal(0, tlb.Stats.Evictions);
        Assert.Equal(1, tlb.Count);
    }

    [Fact]
    public void Insert_Full_EvictsTheLeastRecentlyUsed()
    {
        var tlb = new Tlb(capacity: 3);
        for (var page = 0; page < 3; page++) tlb.Insert(P, page, new FrameNumber(page), PageAccess.Read);
        tlb.Lookup(P, 0, PageAccess.Read, out _); // page 0 is now the most recent; page 1 the least

        tlb.Insert(P, 10, new FrameNumber(10), PageAccess.Read);

        Assert.Equal(TlbResult.Miss, tlb.Lookup(P, 1, PageAccess.Read, out _));
        Assert.Equal([2L, 0L, 10L], tlb.Entries.Select(e => e.Page));
        Assert.Equal(1, tlb.Stats.Evictions);
    }

    [Fact]
    public void Replacement_SameCallSequence_SameContents()
    {
        static IReadOnlyList<TlbEntry> Run()
        {
            var tlb = new Tlb(capacity: 4);
            for (var i = 0; i < 50; i++)
            {
                var page = (i * 7) % 11;
                if (tlb.Lookup(P, page, PageAccess.Read, out _) == TlbResult.Miss) tlb.Insert(P, page, new FrameNumber(page), PageAccess.Read);
            }
            return tlb.Entries;
        }

        Assert.Equal(Run(), Run());
        Assert.Equal(4, Run().Count);
    }

    [Theory]
    [InlineData(-1, 1, PageAccess.Read)]
    [InlineData(0, -1, PageAccess.Read)]
    [InlineData(0, 1, PageAccess.None)]
    [InlineData(0, 1, (PageAccess)8)]
    public void Insert_BadArguments_IsInvalidArgumentAndCachesNothing(long page, int frame, PageAccess access)
    {
        var tlb = new Tlb();

        Assert.Equal(TlbResult.InvalidArgument, tlb.Insert(P, page, new FrameNumber(frame), access));

        Assert.Equal(0, tlb.Count);
        Assert.Equal(0, tlb.Stats.Inserts);
    }

    [Fact]
    public void Lookup_BadArguments_IsInvalidArgument()
    {
        var tlb = new Tlb();

        Assert.Equal(TlbResult.InvalidArgument, tlb.Lookup(P, -1, PageAccess.Read, out _));
        Assert.Equal(TlbResult.InvalidArgument, tlb.Lookup(P, 0, (PageAccess)16, out _));
        Assert.Equal(0, tlb.Stats.Misses);
    }

    [Fact]
    public void Invalidate_Range_DropsOnlyThatPmapsPagesInIt()
    {
        var tlb = Filled();

        Assert.Equal(2, tlb.Invalidate(P, 1, 2));

        Assert.Equal([(P, 0L), (P, 3L), (Q, 1L), (Q, 2L)], tlb.Entries.Select(e => (e.PmapId, e.Page)));
        Assert.Equal(2, tlb.Stats.Invalidated);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    [InlineData(0, -3)]
    public void Invalidate_BadRange_DropsNothing(long first, long count)
    {
        var tlb = Filled();

        Assert.Equal(0, tlb.Invalidate(P, first, count));
        Assert.Equal(6, tlb.Count);
    }

    [Fact]
    public void Invalidate_HugeRange_DoesNotOverflow()
    {
        var tlb = Filled();

        Assert.Equal(3, tlb.Invalidate(P, 1, long.MaxValue));
    }

    [Fact]
    public void InvalidateAll_DropsEveryEntryOfThePmap()
    {
        var tlb = Filled();

        Assert.Equal(4, tlb.InvalidateAll(P));

        Assert.All(tlb.Entries, e => Assert.Equal(Q, e.PmapId));
    }

    [Fact]
    public void Apply_WholePmapShootdown_DropsThePmap()
    {
        var tlb = Filled();

        Assert.Equal(2, tlb.Apply(TlbShootdown.WholePmap(Q, token: 1)));
        Assert.Equal(1, tlb.Apply(new TlbShootdown(P, 3, 1, 2)));
        Assert.Equal(3, tlb.Count);
    }

    private static Tlb Filled()
    {
        var tlb = new Tlb();
        for (var page = 0; page < 4; page++) tlb.Insert(P, page, new FrameNumber(page), PageAccess.Read);
        tlb.Insert(Q, 1, new FrameNumber(11), PageAccess.Read);
        tlb.Insert(Q, 2, new FrameNumber(12), PageAccess.Read);
        return tlb;
    }
}
