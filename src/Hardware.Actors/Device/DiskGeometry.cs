using System.Globalization;
using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// A disk's shape and its latency model, in virtual time. One head, one surface: track = cylinder.
/// The model (exact, no randomness, so tests can compute completion times):
/// <list type="bullet">
/// <item>Block <c>b</c> lies on track <c>b / BlocksPerTrack</c>; the head starts on track 0.</item>
/// <item>Seek: moving the head <c>d &gt; 0</c> tracks costs <c>SeekSettle + SeekPerTrack x d</c>; staying costs nothing.</item>
/// <item>Rotation: every request waits the average rotational delay, half a revolution (<see cref="RotationalLatency"/>).</item>
/// <item>Transfer: each block passes under the head in <c>RotationPeriod / BlocksPerTrack</c> (<see cref="BlockTransferTime"/>).</item>
/// <item>After a request the head rests on the track of its last block; a transfer that crosses tracks is charged transfer time only.</item>
/// </list>
/// Defaults: 512-byte blocks, 2048 blocks (1 MiB), 32 blocks a track, 3600 rpm, 2 ms settle and
/// 100 us per track (a period-plausible small disk).
/// </summary>
public sealed record DiskGeometry
{
    /// <summary>Bytes per block (the device's record size). A power of two of at least 128. Default 512.</summary>
    public int BlockSize { get; init; } = 512;

    /// <summary>Blocks on the disk. Default 2048.</summary>
    public long BlockCount { get; init; } = 2048;

    /// <summary>Blocks on one track. Default 32.</summary>
    public int BlocksPerTrack { get; init; } = 32;

    /// <summary>Fixed cost of any head movement (acceleration and settling). Default 2 ms.</summary>
    public Duration SeekSettle { get; init; } = Duration.FromMilliseconds(2);

    /// <summary>Cost per track crossed. Default 100 us.</summary>
    public Duration SeekPerTrack { get; init; } = Duration.FromMicroseconds(100);

    /// <summary>One revolution. Default 16,666,667 ns (3600 rpm).</summary>
    public Duration RotationPeriod { get; init; } = Duration.FromNanoseconds(16_666_667);

    /// <summary>Tracks on the disk (the last may be partial).</summary>
    public long TrackCount => (BlockCount + BlocksPerTrack - 1) / BlocksPerTrack;

    /// <summary>The disk's size in bytes.</summary>
    public long SizeInBytes => BlockCount * BlockSize;

    /// <summary>The average rotational delay charged to every request: half a revolution.</summary>
    public Duration RotationalLatency => Duration.FromNanoseconds(RotationPeriod.Nanoseconds / 2);

    /// <summary>The time one block takes to pass under the head.</summary>
    public Duration BlockTransferTime => Duration.FromNanoseconds(RotationPeriod.Nanoseconds / BlocksPerTrack);

    /// <summary>The track block <paramref name="block"/> lies on.</summary>
    public long TrackOf(long block) => block / BlocksPerTrack;

    /// <summary>The seek from track <paramref name="from"/> to track <paramref name="to"/>.</summary>
    public Duration SeekTime(long from, long to)
    {
        var distance = Math.Abs(to - from);
        return distance == 0 ? Duration.Zero : SeekSettle + SeekPerTrack * distance;
    }

    /// <summary>The whole service time of <paramref name="blocks"/> blocks from <paramref name="block"/> with the head on <paramref name="headTrack"/>.</summary>
    public Duration ServiceTime(long headTrack, long block, long blocks) =>
        SeekTime(headTrack, TrackOf(block)) + RotationalLatency + BlockTransferTime * blocks;

    /// <summary>Every problem with this geometry, in words; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (BlockSize < 128 || (BlockSize & (BlockSize - 1)) != 0) problems.Add(string.Create(inv, $"block size must be a power of two of at least 128, not {BlockSize}"));
        if (BlockCount < 1) problems.Add(string.Create(inv, $"block count must be positive, not {BlockCount}"));
        else if (BlockSize >= 128 && BlockCount > long.MaxValue / BlockSize) problems.Add(string.Create(inv, $"{BlockCount} blocks of {BlockSize} bytes do not fit in 64 bits"));
        if (BlocksPerTrack < 1) problems.Add(string.Create(inv, $"blocks per track must be positive, not {BlocksPerTrack}"));
        if (SeekSettle < Duration.Zero) problems.Add($"seek settle time must not be negative, not {SeekSettle}");
        if (SeekPerTrack < Duration.Zero) problems.Add($"seek time per track must not be negative, not {SeekPerTrack}");
        if (RotationPeriod < Duration.Zero) problems.Add($"rotation period must not be negative, not {RotationPeriod}");
        return problems;
    }
}
