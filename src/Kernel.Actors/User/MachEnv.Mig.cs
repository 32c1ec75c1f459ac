using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Kernel.User;

/// <summary>
/// The MIG transport of the calling thread: generated user stubs (<c>MachTaskClient</c>,
/// <c>DeviceClient</c>, ...) constructed on this environment reach <c>mach_msg</c> through it.
/// </summary>
public sealed partial class MachEnv : IMigTransport
{
    private PortName _migReplyPort;

    /// <summary>The thread's cached MIG reply port (NULL until the first RPC, and after a transport error).</summary>
    public PortName MigReplyPort => _migReplyPort;

    /// <summary>
    /// mig_get_reply_port: the thread's cached reply port, a receive right made by mach_reply_port on
    /// first use and kept for the next calls. NULL when the space could not allocate one.
    /// </summary>
    public async ValueTask<PortName> GetReplyPortAsync()
    {
        if (_migReplyPort == PortName.Null) _migReplyPort = await MachReplyPort();
        return _migReplyPort;
    }

    /// <summary>
    /// mach_msg(SEND|RCV): sends <paramref name="request"/> and receives the reply on its local port.
    /// A failed send returns its code at once (nothing was made from the reply port). When the
    /// receive fails (interrupted, the reply port died, ...) the cached reply port is destroyed, since
    /// a late reply might still arrive on it; the next call makes a new one.
    /// </summary>
    public async ValueTask<MachMsgResult> RpcAsync(MachMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var replyPort = request.Header.Local;
        var result = await MachMsg(request, MachMsgOption.Send | MachMsgOption.Receive, receiveName: replyPort);
        if (IsReceiveError(result.Return) && replyPort != PortName.Null)
        {
            await PortDestroy(replyPort);
            if (replyPort == _migReplyPort) _migReplyPort = PortName.Null;
        }
        return result;
    }

    /// <summary>mach_msg(SEND): a one-way message (simpleroutines, deferred replies); returns the send's code.</summary>
    public async ValueTask<MachMsgReturn> SendAsync(MachMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (await MachMsg(message, MachMsgOption.Send)).Return;
    }

    private static bool IsReceiveError(MachMsgReturn code) => ((int)code & 0x7fff_c000) == 0x1000_4000;
}
