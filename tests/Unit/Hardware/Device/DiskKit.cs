using MachActors.Hardware.Device;

namespace MachActors.Tests.Unit.Hardware.Device;

/// <summary>
/// A test geometry with round numbers: 512-byte blocks, 16 blocks a track, 64 tracks, a 16 ms
/// revolution (8 ms rotational delay, 1 ms a block), 2 ms settle and 100 us a track.
/// </summary>
internal static class DiskKit
{
    public static readonly DiskGeometry Geometry = new()
    {
        BlockSize = 512,
        BlockCount = 1024,
        BlocksPerTrack = 16,
        SeekSettle = Duration.FromMilliseconds(2),
        SeekPerTrack = Duration.FromMicroseconds(100),
        RotationPeriod = Duration.FromMilliseconds(16),
    };

    public static Duration Ms(long n) => Duration.FromMilliseconds(n);

    public static Duration Us(long n) => Duration.FromMicroseconds(n);

    public static VirtualTime At(Duration d) => VirtualTime.Zero + d;

    /// <summary>Blocks filled with <paramref name="seed"/>, seed+1, ... per byte.</summary>
    public static byte[] Pattern(int blocks, byte seed) =>
        Enumerable.Range(0, blocks * Geometry.BlockSize).Select(i => (byte)(seed + i)).ToArray();

    /// <summary>The first block on <paramref name="track"/>.</summary>
    public static long BlockOnTrack(long track) => track * Geometry.BlocksPerTrack;
}
