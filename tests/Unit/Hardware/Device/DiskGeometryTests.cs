using MachActors.Hardware.Device;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class DiskGeometryTests
{
    [Fact]
    public void Defaults_NewGeometry_AreAValid1MiBDiskAt3600Rpm()
    {
        var g = new DiskGeometry();

        Assert.Equal(512, g.BlockSize);
        Assert.Equal(1024 * 1024, g.SizeInBytes);
        Assert.Equal(64, g.TrackCount);
        Assert.Equal(Duration.FromNanoseconds(8_333_333), g.RotationalLatency);
        Assert.Equal(Duration.FromNanoseconds(520_833), g.BlockTransferTime);
        Assert.Empty(g.Validate());
    }

    [Fact]
    public void SeekTime_SameTrack_IsZero()
    {
        Assert.Equal(Duration.Zero, Geometry.SeekTime(7, 7));
    }

    [Theory]
    [InlineData(0, 1, 2_100)]
    [InlineData(0, 10, 3_000)]
    [InlineData(10, 0, 3_000)]
    [InlineData(5, 63, 7_800)]
    public void SeekTime_Distance_IsSettlePlusPerTrackTimesDistance(long from, long to, long expectedUs)
    {
        Assert.Equal(Us(expectedUs), Geometry.SeekTime(from, to));
    }

    [Fact]
    public void ServiceTime_ThreeBlocksTwoTracksAway_IsSeekPlusHalfARevolutionPlusTransfer()
    {
        // seek 2 ms + 2 x 100 us, rotation 8 ms, transfer 3 x 1 ms
        Assert.Equal(Us(13_200), Geometry.ServiceTime(headTrack: 1, block: BlockOnTrack(3) + 5, blocks: 3));
    }

    [Fact]
    public void TrackOf_BlocksOfATrack_ShareIt()
    {
        Assert.Equal(0, Geometry.TrackOf(15));
        Assert.Equal(1, Geometry.TrackOf(16));
        Assert.Equal(63, Geometry.TrackOf(1023));
    }

    [Fact]
    public void Validate_BadValues_ListsEveryProblem()
    {
        var g = new DiskGeometry { BlockSize = 500, BlockCount = 0, BlocksPerTrack = 0, SeekSettle = Ms(-1), SeekPerTrack = Ms(-1), RotationPeriod = Ms(-1) };

        var problems = g.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("block size", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("rotation", StringComparison.Ordinal));
    }
}
