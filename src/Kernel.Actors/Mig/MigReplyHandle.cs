using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// The reply right of one request, kept by a server that answers later (<c>sreplyport</c> plus
/// MIG_NO_REPLY). A server routine declares a parameter of this type to see it (the user stub does
/// not send it); to defer, it keeps the handle, returns MIG_NO_REPLY, and later builds the reply with
/// the generated <c>{Routine}Reply(handle, ...)</c> and sends it.
/// </summary>
/// <param name="Port">The reply right's name in the server's space (the received request's remote port); NULL: no reply is sent.</param>
/// <param name="Disposition">How the reply moves it back: the request's remote bits (PortSendOnce = MoveSendOnce).</param>
/// <param name="ReplyId">The reply's id: the request's id + 100.</param>
public readonly record struct MigReplyHandle(PortName Port, MsgType Disposition, int ReplyId)
{
    /// <summary>The offset between a request id and its reply id.</summary>
    public const int ReplyIdOffset = 100;

    /// <summary>True when the request carried no reply right: nothing is sent back.</summary>
    public bool IsNull => Port == PortName.Null;

    /// <summary>The handle for a received request: its reply right, moved back, and id + 100.</summary>
    /// <param name="request">A received request (header reversed: remote = the reply right).</param>
    /// <returns>The handle.</returns>
    public static MigReplyHandle For(MachMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var h = request.Header;
        return new MigReplyHandle(h.Remote, h.Remote == PortName.Null ? MsgType.None : h.RemoteDisposition, h.Id + ReplyIdOffset);
    }

    /// <summary>The reply header: remote = the reply right with its disposition, local = NULL, id = request id + 100.</summary>
    /// <returns>The header.</returns>
    public MsgHeader Header() => new(Port, Disposition, PortName.Null, MsgType.None, ReplyId);
}
