namespace MachActors.Kernel.Ipc;

/// <summary>
/// MACH_MSG_TYPE_* for port items and header ports. On send it is the disposition (what happens to
/// the sender's right); on receive it says what arrived (<see cref="PortReceive"/>,
/// <see cref="PortSend"/>, <see cref="PortSendOnce"/>, the same values as the moves).
/// </summary>
public enum MsgType : byte
{
    /// <summary>No port (header bits 0).</summary>
    None = 0,

    /// <summary>A bare name; transfers no right.</summary>
    PortNameOnly = 15,

    /// <summary>Moves the receive right out of the sender's space. Arrives as <see cref="PortReceive"/>.</summary>
    MoveReceive = 16,

    /// <summary>Moves one uref of a send right (or of a dead name). Arrives as <see cref="PortSend"/>.</summary>
    MoveSend = 17,

    /// <summary>Moves a send-once right (or a dead name). Arrives as <see cref="PortSendOnce"/>.</summary>
    MoveSendOnce = 18,

    /// <summary>Copies a send right; the sender keeps its urefs. Arrives as <see cref="PortSend"/>.</summary>
    CopySend = 19,

    /// <summary>Makes a send right from the receive right (mscount + 1). Arrives as <see cref="PortSend"/>.</summary>
    MakeSend = 20,

    /// <summary>Makes a send-once right from the receive right. Arrives as <see cref="PortSendOnce"/>.</summary>
    MakeSendOnce = 21,

    /// <summary>Received: a receive right (same value as <see cref="MoveReceive"/>).</summary>
    PortReceive = 16,

    /// <summary>Received: a send right (same value as <see cref="MoveSend"/>).</summary>
    PortSend = 17,

    /// <summary>Received: a send-once right (same value as <see cref="MoveSendOnce"/>).</summary>
    PortSendOnce = 18,
}
