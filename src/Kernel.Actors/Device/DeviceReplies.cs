namespace MachActors.Kernel.Device;

/// <summary>
/// A device call's answer: what a synchronous call returns, and what goes through an
/// <see cref="IDeviceReplySink"/> (the reply port of a <c>ds_device_*_reply</c>) when the answer comes
/// later. <see cref="MsgId"/> is the MIG reply id the IPC layer puts on the reply message.
/// </summary>
/// <param name="Return">The call's result.</param>
public abstract record DeviceReply(DeviceReturn Return)
{
    /// <summary>The MIG reply message id (request id + 100).</summary>
    public abstract int MsgId { get; }
}

/// <summary>Answer to device_open (2900): the device's handle on success.</summary>
/// <param name="Return">The result.</param>
/// <param name="Device">The device (its port, once IPC exists); null on failure.</param>
public sealed record DeviceOpenReply(DeviceReturn Return, DeviceHandle? Device) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => DeviceMessageIds.Open + DeviceMessageIds.ReplyOffset;
}

/// <summary>Answer to device_close (2901).</summary>
/// <param name="Return">The result.</param>
public sealed record DeviceCloseReply(DeviceReturn Return) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => DeviceMessageIds.Close + DeviceMessageIds.ReplyOffset;
}

/// <summary>Answer to device_write (2902) or device_write_inband (2903).</summary>
/// <param name="Return">The result.</param>
/// <param name="BytesWritten">Bytes written (0 on failure).</param>
/// <param name="Inband">Whether it answers the inband form.</param>
public sealed record DeviceWriteReply(DeviceReturn Return, int BytesWritten, bool Inband) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => (Inband ? DeviceMessageIds.WriteInband : DeviceMessageIds.Write) + DeviceMessageIds.ReplyOffset;
}

/// <summary>
/// Answer to device_read (2904; the data travels out of line) or device_read_inband (2905; inline,
/// at most <see cref="DeviceMaster.InbandMax"/> bytes).
/// </summary>
/// <param name="Return">The result.</param>
/// <param name="Data">The bytes read, a fresh copy the receiver owns (empty on failure, or at end of file).</param>
/// <param name="Inband">Whether it answers the inband form.</param>
public sealed record DeviceReadReply(DeviceReturn Return, ReadOnlyMemory<byte> Data, bool Inband) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => (Inband ? DeviceMessageIds.ReadInband : DeviceMessageIds.Read) + DeviceMessageIds.ReplyOffset;
}

/// <summary>Answer to device_set_status (2910).</summary>
/// <param name="Return">The result.</param>
public sealed record DeviceSetStatusReply(DeviceReturn Return) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => DeviceMessageIds.SetStatus + DeviceMessageIds.ReplyOffset;
}

/// <summary>Answer to device_get_status (2911).</summary>
/// <param name="Return">The result.</param>
/// <param name="Status">The status words (empty on failure).</param>
public sealed record DeviceGetStatusReply(DeviceReturn Return, IReadOnlyList<int> Status) : DeviceReply(Return)
{
    /// <inheritdoc />
    public override int MsgId => DeviceMessageIds.GetStatus + DeviceMessageIds.ReplyOffset;
}
