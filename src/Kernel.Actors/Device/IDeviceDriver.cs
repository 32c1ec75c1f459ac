namespace MachActors.Kernel.Device;

/// <summary>
/// The kernel's driver for one device: it turns device calls into hardware requests and the
/// hardware's completion interrupts back into results. Plain logic: it never sends; the
/// <see cref="DeviceMaster"/> sends what it builds to the device's hardware actor.
/// </summary>
public interface IDeviceDriver
{
    /// <summary>
    /// Runs on every device_open; <paramref name="openCount"/> is the number of opens already held
    /// (0: the first open, which runs the device's open routine). A failure code refuses the open.
    /// </summary>
    DeviceReturn Open(DeviceMode mode, int openCount);

    /// <summary>Runs when the last open is closed. I/O still outstanding completes and is answered.</summary>
    void Close();

    /// <summary>Builds the hardware request of a read tagged <paramref name="requestId"/>, or returns a failure code (and no request).</summary>
    DeviceReturn StartRead(long requestId, DeviceMode mode, long recnum, int bytes, out object? hardwareRequest);

    /// <summary>Builds the hardware request of a write tagged <paramref name="requestId"/>, or returns a failure code (and no request).</summary>
    DeviceReturn StartWrite(long requestId, DeviceMode mode, long recnum, ReadOnlyMemory<byte> data, out object? hardwareRequest);

    /// <summary>Reads a completion interrupt of this driver's hardware; null when the message is not one.</summary>
    DeviceCompletion? Interpret(object interrupt);

    /// <summary>device_get_status: the status of <paramref name="flavor"/>, at most <paramref name="count"/> words.</summary>
    DeviceReturn GetStatus(int flavor, int count, out IReadOnlyList<int> status);

    /// <summary>device_set_status.</summary>
    DeviceReturn SetStatus(int flavor, IReadOnlyList<int> status);
}
