namespace MachActors.Hardware.Device;

/// <summary>One disk of the machine (<see cref="MachineConfig.Disks"/>).</summary>
public sealed record DiskConfig
{
    /// <summary>The device name the kernel knows it by ("disk0"); also the actor's name. Default "disk0".</summary>
    public string Name { get; init; } = "disk0";

    /// <summary>Shape and latency model.</summary>
    public DiskGeometry Geometry { get; init; } = new();

    /// <summary>Writes fail with <see cref="IoStatus.ReadOnly"/> (and an image file is opened read-only). Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Request order. Default <see cref="DiskScheduling.Fifo"/>.</summary>
    public DiskScheduling Scheduling { get; init; } = DiskScheduling.Fifo;

    /// <summary>
    /// A host file holding the disk's blocks (block n at byte offset n x BlockSize), opened when the
    /// machine boots; it must exist (unless <see cref="CreateImage"/>) and hold at least
    /// <see cref="DiskGeometry.SizeInBytes"/> bytes. Writes go through to the file as each completes,
    /// so the file holds every completed write when the machine stops (and after a crash of the host).
    /// Null (the default): the blocks live in memory and start as zeros.
    /// </summary>
    public string? ImagePath { get; init; }

    /// <summary>
    /// When <see cref="ImagePath"/> names a file that does not exist, create it at boot: zeros, the
    /// disk's size (a fresh disk, for a file system to format). Its directory must exist; a read-only
    /// disk never creates its image. Default false: a missing image is a boot error, so a mistyped
    /// path does not silently become an empty disk.
    /// </summary>
    public bool CreateImage { get; init; }
}
