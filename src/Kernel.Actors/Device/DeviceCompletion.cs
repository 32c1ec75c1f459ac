namespace MachActors.Kernel.Device;

/// <summary>A driver's reading of a completion interrupt.</summary>
/// <param name="RequestId">The device layer's request id, as the hardware echoed it.</param>
/// <param name="Return">The result.</param>
/// <param name="Bytes">Bytes transferred.</param>
/// <param name="Data">For a read, the data (owned by the receiver).</param>
public sealed record DeviceCompletion(long RequestId, DeviceReturn Return, int Bytes, ReadOnlyMemory<byte> Data);
