using MachActors.Kernel;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>The emulation vector's decision logic without a machine: set, clear, read back, bad ranges.</summary>
public sealed class EmulationVectorTests
{
    [Fact]
    public void Set_Range_LookupFindsEachHandlerAndOthersAreZero()
    {
        var code = EmulationVector.Empty.Set(5, [11, 12, 0, 14], out var v);

        Assert.Equal(KernReturn.Success, code);
        Assert.Equal([0, 11, 12, 0, 14, 0], Enumerable.Range(4, 6).Select(v.Lookup));
        Assert.Equal(3, v.Count);
    }

    [Fact]
    public void Set_SecondRange_KeepsEntriesOutsideItAndReplacesInside()
    {
        EmulationVector.Empty.Set(1, [1, 2, 3], out var first);
        first.Set(2, [0, 30], out var second);

        Assert.Equal(1, second.Get().Start);
        Assert.Equal(new[] { 1, 0, 30 }, second.Get().Handlers.ToArray());
        Assert.Equal(2, first.Lookup(2)); // immutable: the first vector is unchanged
    }

    [Theory]
    [InlineData(-1, 1, 1)]
    [InlineData(EmulationVector.MaxNumber, 1, 1)]
    [InlineData(EmulationVector.MaxNumber - 1, 2, 1)]
    [InlineData(0, 1, -5)]
    public void Set_BadRangeOrId_InvalidArgumentAndUnchanged(int start, int count, int id)
    {
        var code = EmulationVector.Empty.Set(start, [.. Enumerable.Repeat(id, count)], out var v);

        Assert.Equal(KernReturn.InvalidArgument, code);
        Assert.Same(EmulationVector.Empty, v);
    }

    [Fact]
    public void Get_Empty_StartZeroNoHandlers() => Assert.Equal((0, 0), (EmulationVector.Empty.Get().Start, EmulationVector.Empty.Get().Handlers.Length));
}
