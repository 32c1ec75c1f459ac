using MachActors.Hardware.Device;

namespace MachActors.Kernel.Device;

/// <summary>
/// The driver of a <see cref="ConsoleDevice"/>: recnum is ignored; a read returns at most one line and
/// waits for input unless D_NOWAIT (then D_WOULD_BLOCK); zero bytes at end of input.
/// </summary>
public sealed class ConsoleDriver : IDeviceDriver
{
    /// <summary>Times the device's open routine ran (first opens).</summary>
    public int OpenRoutineRuns { get; private set; }

    /// <inheritdoc />
    public DeviceReturn Open(DeviceMode mode, int openCount)
    {
        if (openCount == 0) OpenRoutineRuns++;
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public void Close() { }

    /// <inheritdoc />
    public DeviceReturn StartRead(long requestId, DeviceMode mode, long recnum, int bytes, out object? hardwareRequest)
    {
        hardwareRequest = new ConsoleRead(requestId, bytes, mode.HasFlag(DeviceMode.NoWait));
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public DeviceReturn StartWrite(long requestId, DeviceMode mode, long recnum, ReadOnlyMemory<byte> data, out object? hardwareRequest)
    {
        hardwareRequest = new ConsoleWrite(requestId, data);
        return DeviceReturn.Success;
    }

    /// <inheritdoc />
    public DeviceCompletion? Interpret(object interrupt) => interrupt is ConsoleInterrupt i
        ? new DeviceCompletion(i.RequestId, i.Status.ToDeviceReturn(), i.Bytes, i.Data)
        : null;

    /// <summary>DEV_GET_SIZE: [0, 1] (a stream of bytes); count below 2 is D_INVALID_SIZE; other flavors D_INVALID_OPERATION.</summary>
    public DeviceReturn GetStatus(int flavor, int count, out IReadOnlyList<int> status)
    {
        status = [];
        if (flavor != DeviceStatusFlavors.GetSize) return DeviceReturn.InvalidOperation;
        if (count < DeviceStatusFlavors.GetSizeCount) return DeviceReturn.InvalidSize;
        status = [0, 1];
        return DeviceReturn.Success;
    }

    /// <summary>No settable status: D_INVALID_OPERATION.</summary>
    public DeviceReturn SetStatus(int flavor, IReadOnlyList<int> status) => DeviceReturn.InvalidOperation;
}
