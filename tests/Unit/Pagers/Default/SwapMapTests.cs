using MachActors.Kernel;
using MachActors.Pagers.Default;

namespace MachActors.Tests.Unit.Pagers.Default;

public sealed class SwapMapTests
{
    private const int PageSize = 64;

    private static SwapMap Map(long slots, params long[] objects)
    {
        var map = new SwapMap(slots, PageSize);
        foreach (var obj in objects) Assert.Equal(KernReturn.Success, map.AddObject(obj));
        return map;
    }

    [Fact]
    public void Place_NewPages_TakeTheLowestFreeSlotAndReuseFreedOnes()
    {
        var map = Map(4, 1, 2);
        Assert.Equal(0, map.Place(1, 0, initialize: false).Slot);
        Assert.Equal(1, map.Place(2, 0, initialize: false).Slot);
        Assert.Equal(2, map.Place(1, PageSize, initialize: false).Slot);

        Assert.Equal(2, map.RemoveObject(1));

        Assert.Equal((1L, 0L), (map.UsedSlots, map.Place(2, PageSize, initialize: false).Slot));
        Assert.Equal(2, map.Place(2, 2 * PageSize, initialize: false).Slot);
    }

    [Fact]
    public void Place_ReturnOfAStoredPage_ReusesItsSlot()
    {
        var map = Map(4, 1);
        var first = map.Place(1, 0, initialize: false);

        var second = map.Place(1, 0, initialize: false);

        Assert.Equal((KernReturn.Success, first.Slot, 1L), (second.Result, second.Slot, map.UsedSlots));
    }

    [Fact]
    public void Place_InitializeOfAStoredPage_IsRefusedMemoryPresent()
    {
        var map = Map(4, 1);
        map.Place(1, 0, initialize: true);

        Assert.Equal(new SwapPlacement(KernReturn.MemoryPresent, -1), map.Place(1, 0, initialize: true));
    }

    [Fact]
    public void Place_NoFreeSlot_LosesThePageUntilALaterReturnFindsOne()
    {
        var map = Map(1, 1, 2);
        map.Place(1, 0, initialize: false);

        Assert.Equal(KernReturn.NoSpace, map.Place(2, 0, initialize: false).Result);
        Assert.Equal(new SwapLookup(SwapPageState.Lost, -1, KernReturn.NoSpace), map.Lookup(2, 0));
        Assert.Equal(KernReturn.MemoryPresent, map.Place(2, 0, initialize: true).Result);
        map.RemoveObject(1);

        Assert.Equal(KernReturn.Success, map.Place(2, 0, initialize: false).Result);
        Assert.Equal(SwapPageState.Stored, map.Lookup(2, 0).State);
    }

    [Fact]
    public void Poison_Twice_KeepsTheFirstCodeAndDropsWrites()
    {
        var map = Map(4, 1);
        map.Place(1, 0, initialize: false);

        map.Poison(1, KernReturn.MemoryError);
        map.Poison(1, KernReturn.NoSpace);

        Assert.Equal(new SwapLookup(SwapPageState.Poisoned, -1, KernReturn.MemoryError), map.Lookup(1, 0));
        Assert.Equal(KernReturn.MemoryError, map.Place(1, PageSize, initialize: false).Result);
        Assert.Equal(KernReturn.InvalidArgument, map.Poison(1, KernReturn.Success));
    }

    [Theory]
    [InlineData(-PageSize)]
    [InlineData(PageSize / 2)]
    public void Place_BadOffset_IsInvalidArgument(long offset)
    {
        var map = Map(4, 1);

        Assert.Equal(KernReturn.InvalidArgument, map.Place(1, offset, initialize: false).Result);
    }

    [Fact]
    public void Lookup_UnknownObjectOrNeverWritten_SaysSo()
    {
        var map = Map(4, 1);

        Assert.Equal(SwapPageState.UnknownObject, map.Lookup(9, 0).State);
        Assert.Equal(SwapPageState.NeverWritten, map.Lookup(1, 0).State);
        Assert.Equal(KernReturn.NameExists, map.AddObject(1));
    }
}
