using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Personalities;

/// <summary>The end of a personality server's demux step (UNIX, RT): run the routine the catcher recorded, or send MIG's error reply and destroy the request's other rights.</summary>
internal static class DeferredCalls
{
    /// <summary>
    /// Runs <paramref name="call"/> (the routine, which answers now or later) when the demux found one;
    /// otherwise sends <paramref name="errorReply"/> (if any) and destroys what <paramref name="message"/>
    /// still carries (without its reply right once the error reply has consumed it).
    /// </summary>
    public static async Task Finish(MachEnv env, MachMessage message, Func<Task>? call, MachMessage? errorReply)
    {
        if (call is not null)
        {
            await call();
            return;
        }
        if (errorReply is not null && (await env.Send(errorReply)).Return == MachMsgReturn.Success)
        {
            message = message with { Header = message.Header with { Remote = PortName.Null, RemoteDisposition = MsgType.None } };
        }
        await env.MachMsgDestroy(message);
    }
}
