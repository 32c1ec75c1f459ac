namespace MachActors.Kernel.Ipc;

/// <summary>
/// One right in a message in transit: the port and the kind of right (<see cref="MsgType.PortSend"/>,
/// <see cref="MsgType.PortSendOnce"/> or <see cref="MsgType.PortReceive"/>), or the reserved values
/// NULL (<see cref="Null"/>) and DEAD (<see cref="Dead"/>), which carry no right.
/// </summary>
/// <param name="Port">The port, or null for NULL and DEAD.</param>
/// <param name="Right">What the right is (None for NULL and DEAD).</param>
/// <param name="IsDead">True for DEAD.</param>
public readonly record struct CarriedRight(PortRef? Port, MsgType Right, bool IsDead = false)
{
    /// <summary>MACH_PORT_NULL in a right's place.</summary>
    public static CarriedRight Null => default;

    /// <summary>MACH_PORT_DEAD in a right's place.</summary>
    public static CarriedRight Dead => new(null, MsgType.None, IsDead: true);

    /// <summary>A send right for <paramref name="port"/>.</summary>
    public static CarriedRight Send(PortRef port) => new(port, MsgType.PortSend);

    /// <summary>A send-once right for <paramref name="port"/>.</summary>
    public static CarriedRight SendOnce(PortRef port) => new(port, MsgType.PortSendOnce);

    /// <summary>The receive right of <paramref name="port"/>.</summary>
    public static CarriedRight Receive(PortRef port) => new(port, MsgType.PortReceive);

    /// <summary>True when a right is carried (not NULL, not DEAD).</summary>
    public bool HoldsRight => Port is not null;

    /// <inheritdoc />
    public override string ToString() => Port is null ? (IsDead ? "DEAD" : "NULL") : $"{Right}({Port})";
}
