namespace MachActors.Tests.Unit.Actors.Timing;

public sealed class DurationTests
{
    [Fact]
    public void Factories_Units_AreExactNanoseconds()
    {
        Assert.Equal(7, Duration.FromNanoseconds(7).Nanoseconds);
        Assert.Equal(7_000, Duration.FromMicroseconds(7).Nanoseconds);
        Assert.Equal(7_000_000, Duration.FromMilliseconds(7).Nanoseconds);
        Assert.Equal(7_000_000_000, Duration.FromSeconds(7).Nanoseconds);
        Assert.Equal(Duration.FromMilliseconds(1500), (Duration)TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromMilliseconds(3), Duration.FromMilliseconds(3).ToTimeSpan());
    }

    [Theory]
    [InlineData(40, "40ns")]
    [InlineData(1_500, "1.5us")]
    [InlineData(1_500_000, "1.5ms")]
    [InlineData(2_000_000_000, "2s")]
    [InlineData(long.MaxValue, "infinite")]
    public void ToString_LargestExactUnit(long nanoseconds, string expected)
    {
        Assert.Equal(expected, new Duration(nanoseconds).ToString());
    }

    [Fact]
    public void Arithmetic_SaturatesAtInfiniteAndNever()
    {
        Assert.Equal(Duration.Infinite, Duration.Infinite + Duration.FromSeconds(1));
        Assert.Equal(VirtualTime.Never, new VirtualTime(5) + Duration.Infinite);
        Assert.Equal(Duration.FromNanoseconds(3), new VirtualTime(8) - new VirtualTime(5));
        Assert.Equal(Duration.FromMilliseconds(30), Duration.FromMilliseconds(10) * 3);
        Assert.Throws<OverflowException>(() => Duration.FromSeconds(long.MaxValue));
    }

    [Fact]
    public void VirtualTime_Ordering_AndFormat()
    {
        Assert.True(new VirtualTime(1) < new VirtualTime(2));
        Assert.True(VirtualTime.Zero <= new VirtualTime(0));
        Assert.Equal("t=1.5ms", new VirtualTime(1_500_000).ToString());
        Assert.Equal(Duration.FromNanoseconds(9), new VirtualTime(9).SinceBoot);
    }
}
