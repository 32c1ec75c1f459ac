using MachActors.Pagers.Memory;

namespace MachActors.Tests.Unit.Pagers.Memory;

public class MemoryPagerInitialTests
{
    [Theory]
    [InlineData(1, 0, 4096)]
    [InlineData(1, 4096 * 5, 4096)]
    [InlineData(7, 512 * 3, 512)]
    [InlineData(-3, 8192, 8192)]
    [InlineData(2, 128, 128)]
    public void Initial_AnyObjectAndPage_EveryByteFollowsThePattern(long key, long offset, int pageSize)
    {
        var page = MemoryPager.Initial(key, offset, pageSize);

        Assert.Equal(pageSize, page.Length);
        for (var i = 0; i < pageSize; i++) Assert.Equal((byte)((key * 31) + (offset / pageSize * 7) + i), page[i]);
    }

    [Fact]
    public void Initial_TwoPagesOfOneObject_Differ()
    {
        Assert.False(MemoryPager.Initial(1, 0, 4096).AsSpan().SequenceEqual(MemoryPager.Initial(1, 4096, 4096).AsSpan()));
    }
}
