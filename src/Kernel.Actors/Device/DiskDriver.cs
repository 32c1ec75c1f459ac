using MachActors.Hardware.Device;

namespace MachActors.Kernel.Device;

/// <summary>
/// The driver of a <see cref="Disk"/>: recnum is the block number; sizes are whole blocks, checked by
/// the disk, whose refusals come back as immediate interrupts. D_NOWAIT has no effect (a queued disk
/// transfer is not a wait for input). A write-open of a read-only disk is <see cref="DeviceReturn.ReadOnly"/>.
/// </summary>
/// <param name="geometry">The disk's shape (for get_status).</param>
/// <param name="readOnly">Whether the disk refuses writes.</param>
public sealed class DiskDriver(DiskGeometry geometry, bool readOnly = false) : IDeviceDriver
{
    /// <summary>A driver for the disk <paramref name="config"/> describes.</summary>
    public DiskDriver(DiskConfig config) : this(config.Geometry, config.ReadOnly) { }

    /// <summary>Times the device's open routine ran (first opens).</summary>
    public int OpenRoutineRuns { get; private set; }

    /// <inheritdoc />
    public DeviceReturn Open(DeviceMode mode, int openCount)
    {
        if (readOnly && mode.HasFlag(DeviceMode.Write)) return DeviceReturn.ReadOnly;
        if (openCount == 0) OpenRoutineRuns++;
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public void Close() { }

    /// <inheritdoc />
    public DeviceReturn StartRead(long requestId, DeviceMode mode, long recnum, int bytes, out object? hardwareRequest)
    {
        hardwareRequest = new DiskRead(requestId, recnum, bytes);
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public DeviceReturn StartWrite(long requestId, DeviceMode mode, long recnum, ReadOnlyMemory<byte> data, out object? hardwareRequest)
    {
        hardwareRequest = new DiskWrite(requestId, recnum, data);
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public DeviceCompletion? Interpret(object interrupt) => interrupt is DiskInterrupt i
        ? new DeviceCompletion(i.RequestId, i.Status.ToDeviceReturn(), i.Bytes, i.Data)
        : null;

    /// <summary>DEV_GET_SIZE: [size in bytes (capped at int.MaxValue), block size]; count below 2 is D_INVALID_SIZE; other flavors D_INVALID_OPERATION.</summary>
    public DeviceReturn GetStatus(int flavor, int count, out IReadOnlyList<int> status)
    {
        status = [];
        if (flavor != DeviceStatusFlavors.GetSize) return DeviceReturn.InvalidOperation;
        if (count < DeviceStatusFlavors.GetSizeCount) return DeviceReturn.InvalidSize;
        status = [(int)Math.Min(geometry.SizeInBytes, int.MaxValue), geometry.BlockSize];
        return DeviceReturn.Success;
    }

    /// <summary>A disk has no settable status: D_INVALID_OPERATION.</summary>
    public DeviceReturn SetStatus(int flavor, IReadOnlyList<int> status) => DeviceReturn.InvalidOperation;
}
