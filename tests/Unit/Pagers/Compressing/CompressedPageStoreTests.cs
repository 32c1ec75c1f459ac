using MachActors.Pagers.Compressing;

namespace MachActors.Tests.Unit.Pagers.Compressing;

/// <summary>The compressed store alone: round trips, raw pages, the counters.</summary>
public sealed class CompressedPageStoreTests
{
    private const int Size = 4096;

    private static byte[] Compressible(byte seed) => [.. Enumerable.Range(0, Size).Select(i => (byte)(seed + (i % 16)))];

    private static byte[] Incompressible(int seed)
    {
        var bytes = new byte[Size];
        new Random(seed).NextBytes(bytes); // test data only: a page with no repeats to find
        return bytes;
    }

    [Fact]
    public void PutThenTryGet_CompressiblePage_RoundTripsAndShrinks()
    {
        var store = new CompressedPageStore(Size);

        Assert.True(store.Put(1, 0, Compressible(3)));

        Assert.True(store.TryGet(1, 0, out var page));
        Assert.Equal(Compressible(3), page.ToArray());
        Assert.Equal((1, Size, 0), (store.Pages, store.RawBytes, store.RawPages));
        Assert.InRange(store.CompressedBytes, 1, Size / 20);
    }

    [Fact]
    public void Put_IncompressiblePage_KeptRawAndRoundTrips()
    {
        var store = new CompressedPageStore(Size);

        store.Put(1, 0, Incompressible(7));

        Assert.True(store.TryGet(1, 0, out var page));
        Assert.Equal(Incompressible(7), page.ToArray());
        Assert.Equal((1, (long)Size), (store.RawPages, store.CompressedBytes));
    }

    [Fact]
    public void Put_SamePageAgain_ReplacesItInTheTotals()
    {
        var store = new CompressedPageStore(Size);
        store.Put(1, 0, Incompressible(1));

        store.Put(1, 0, Compressible(2));

        Assert.Equal((1, 0), (store.Pages, store.RawPages));
        Assert.True(store.CompressedBytes < Size);
        Assert.True(store.TryGet(1, 0, out var page));
        Assert.Equal(Compressible(2), page.ToArray());
    }

    [Fact]
    public void KeysAndOffsets_AreSeparatePages()
    {
        var store = new CompressedPageStore(Size);
        store.Put(1, 0, Compressible(1));
        store.Put(2, 0, Compressible(2));
        store.Put(1, Size, Compressible(3));

        Assert.True(store.TryGet(2, 0, out var two));
        Assert.Equal(Compressible(2), two.ToArray());
        Assert.False(store.TryGet(2, Size, out _));
        Assert.Equal(3, store.Pages);
    }

    [Fact]
    public void Put_WrongSize_RefusedAndNothingStored()
    {
        var store = new CompressedPageStore(Size);

        Assert.False(store.Put(1, 0, new byte[Size - 1]));

        Assert.Equal((0, 0L), (store.Pages, store.CompressedBytes));
    }

    [Fact]
    public void Remove_ForgetsThePageAndItsBytes()
    {
        var store = new CompressedPageStore(Size);
        store.Put(1, 0, Incompressible(3));

        store.Remove(1, 0);

        Assert.Equal((0, 0L, 0), (store.Pages, store.CompressedBytes, store.RawPages));
        Assert.False(store.Contains(1, 0));
    }

    [Fact]
    public void Stats_Ratio_IsRawOverCompressed()
    {
        var stats = new CompressingPagerStats(2, 8192, 512, 0, 2, 1, 1, 0);

        Assert.Equal(16.0, stats.Ratio);
        Assert.Contains("ratio 16.00:1", stats.ToString());
        Assert.Equal(1.0, (stats with { CompressedBytes = 0 }).Ratio);
    }
}
