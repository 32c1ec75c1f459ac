using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// How a generated user stub reaches <c>mach_msg</c>. MachEnv implements it for programs; tests use a
/// fake that calls a generated demux directly. Every failure is a code, never an exception.
/// </summary>
public interface IMigTransport
{
    /// <summary>
    /// mig_get_reply_port: the calling thread's cached reply port (a receive right), made on first
    /// use. The stub names it as the request's local port with <see cref="MsgType.MakeSendOnce"/>.
    /// </summary>
    /// <returns>A name holding a receive right in the caller's space.</returns>
    ValueTask<PortName> GetReplyPortAsync();

    /// <summary>
    /// One <c>mach_msg(SEND|RCV)</c>: sends <paramref name="request"/> and receives on its local port
    /// (the reply port). A failed send returns at once with its code. When the receive fails the
    /// transport destroys its cached reply port, since it might later hold a stale reply.
    /// </summary>
    /// <param name="request">The request, header local = the reply port from <see cref="GetReplyPortAsync"/>.</param>
    /// <returns>The code and, on success, the received reply (header reversed, rights as names in the caller's space).</returns>
    ValueTask<MachMsgResult> RpcAsync(MachMessage request);

    /// <summary>One <c>mach_msg(SEND)</c>: a one-way message (simpleroutines, deferred replies).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The send's code.</returns>
    ValueTask<MachMsgReturn> SendAsync(MachMessage message);

    /// <summary>
    /// <c>mach_msg_destroy</c> of a received message the stub rejects (a wrong id, a bad shape, a
    /// nonzero RetCode with a full reply): every right it carries in the caller's space is released
    /// (the header's reply right, each body port and port-array element), so a rejected reply leaks
    /// nothing. Out-of-line data is a copy the message owns (no virtual memory yet): nothing to free.
    /// </summary>
    /// <param name="message">The received message, as <see cref="RpcAsync"/> returned it.</param>
    /// <returns>When every right is released.</returns>
    ValueTask DestroyAsync(MachMessage message);
}
