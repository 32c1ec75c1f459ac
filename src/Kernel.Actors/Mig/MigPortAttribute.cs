using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// The disposition a <see cref="PortName"/> (or an array of them) travels with: what the sender's
/// right does (<see cref="MsgType.CopySend"/>, <see cref="MsgType.MakeSendOnce"/>, ...), or
/// <see cref="MsgType.PortNameOnly"/> for a bare name. Without it a port travels as
/// <see cref="MsgType.CopySend"/>. On the request port (the first parameter) it sets the header's
/// remote disposition. The receiver checks what arrived (<c>PortSend</c>, <c>PortSendOnce</c>,
/// <c>PortReceive</c>), so a MakeSend and a CopySend declaration accept each other.
/// </summary>
/// <param name="disposition">The disposition (15..21).</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class MigPortAttribute(MsgType disposition) : Attribute
{
    /// <summary>The disposition.</summary>
    public MsgType Disposition { get; } = disposition;
}
