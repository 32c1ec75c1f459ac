using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// A transport that sends nothing: it keeps the one message a simpleroutine stub hands it, so kernel
/// code can build a message with generated stubs and send it its own way (a kernel send).
/// </summary>
internal sealed class KeepingTransport : IMigTransport
{
    /// <summary>The message the stub sent, or null.</summary>
    public MachMessage? Message { get; private set; }

    /// <summary>No reply port: kernel sends are one way.</summary>
    public ValueTask<PortName> GetReplyPortAsync() => new(PortName.Null);

    /// <summary>Refused: a kept message is never an RPC.</summary>
    public ValueTask<MachMsgResult> RpcAsync(MachMessage request) => new(new MachMsgResult(MachMsgReturn.SendInvalidDest));

    /// <summary>Keeps <paramref name="message"/>.</summary>
    public ValueTask<MachMsgReturn> SendAsync(MachMessage message)
    {
        Message = message;
        return new(MachMsgReturn.Success);
    }

    /// <summary>Nothing: the transport never receives.</summary>
    public ValueTask DestroyAsync(MachMessage message) => default;

    /// <summary>The message <paramref name="sent"/> (a stub's completed call) kept, or null when the stub refused it.</summary>
    public MachMessage? Kept(ValueTask<MachMsgReturn> sent) =>
        sent.IsCompletedSuccessfully && sent.Result == MachMsgReturn.Success ? Message : null;
}
