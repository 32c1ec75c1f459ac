using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>The reply plumbing every generated demux shares (spec section 3, "Server side").</summary>
public static class MigServer
{
    /// <summary>
    /// The short error reply: the reply header and only the RetCode item. Null when the request
    /// carried no reply right.
    /// </summary>
    /// <param name="reply">The request's reply handle.</param>
    /// <param name="retCode">The nonzero code.</param>
    /// <returns>The reply, or null.</returns>
    public static MachMessage? ErrorReply(MigReplyHandle reply, int retCode) =>
        reply.IsNull ? null : new MachMessage(reply.Header(), [new MsgItem.Int32(retCode)]);

    /// <summary>
    /// The outcome of a request that ends with a nonzero code: MIG_BAD_ID is not handled and carries
    /// the error reply; MIG_NO_REPLY sends nothing (the server answers later); any other code carries
    /// the error reply.
    /// </summary>
    /// <param name="reply">The request's reply handle.</param>
    /// <param name="retCode">The code.</param>
    /// <returns>The demux result.</returns>
    public static MigDemuxResult Fail(MigReplyHandle reply, int retCode) => retCode switch
    {
        (int)MigReturn.BadId => new MigDemuxResult(false, retCode, ErrorReply(reply, retCode)),
        (int)MigReturn.NoReply => new MigDemuxResult(true, retCode, null),
        _ => new MigDemuxResult(true, retCode, ErrorReply(reply, retCode)),
    };

    /// <summary><see cref="Fail(MigReplyHandle, int)"/> with a MIG code.</summary>
    /// <param name="reply">The request's reply handle.</param>
    /// <param name="code">The code.</param>
    /// <returns>The demux result.</returns>
    public static MigDemuxResult Fail(MigReplyHandle reply, MigReturn code) => Fail(reply, (int)code);

    /// <summary>A routine that succeeded: handled, code 0, with its reply (null without a reply right).</summary>
    /// <param name="reply">The packed reply, or null.</param>
    /// <returns>The demux result.</returns>
    public static MigDemuxResult Done(MachMessage? reply) => new(true, 0, reply);

    /// <summary>A simpleroutine that ran: handled, its code, and no reply.</summary>
    /// <param name="retCode">The routine's code.</param>
    /// <returns>The demux result.</returns>
    public static MigDemuxResult OneWay(int retCode) => new(true, retCode, null);
}
