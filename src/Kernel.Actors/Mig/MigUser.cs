using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>The reply checks every generated user stub makes (spec section 3, "User stub").</summary>
public static class MigUser
{
    /// <summary>The id of a send-once notification, which arrives in place of a reply when the server died.</summary>
    public const int SendOnceNotificationId = 71;

    /// <summary>
    /// Checks an RPC's outcome against the routine's reply shape. Returns the code the stub returns,
    /// with <paramref name="body"/> holding the reply items (RetCode first, then the out parameters)
    /// only when it is 0:
    /// a failed transport -> its <c>mach_msg</c> code; no message -> MIG_TYPE_ERROR; id 71 ->
    /// MIG_SERVER_DIED; another id than <paramref name="replyId"/> -> MIG_REPLY_MISMATCH; no leading
    /// INTEGER_32 RetCode -> MIG_TYPE_ERROR; a nonzero RetCode with only the RetCode (the short error
    /// reply) or with the full shape -> that RetCode; any other item count -> MIG_TYPE_ERROR.
    /// The types of the out items are checked by the stub itself.
    /// </summary>
    /// <param name="result">What the transport returned.</param>
    /// <param name="replyId">The expected reply id (request id + 100).</param>
    /// <param name="outCount">How many out parameters the routine declares.</param>
    /// <param name="body">The reply's items when the result is 0; empty otherwise.</param>
    /// <returns>0, a RetCode, a MIG code or a mach_msg code.</returns>
    public static int CheckReply(MachMsgResult result, int replyId, int outCount, out ImmutableArray<MsgItem> body)
    {
        ArgumentNullException.ThrowIfNull(result);
        body = [];
        if (result.Return != MachMsgReturn.Success) return unchecked((int)result.Return);
        var reply = result.Message;
        if (reply is null) return (int)MigReturn.TypeError;
        if (reply.Header.Id != replyId)
        {
            return reply.Header.Id == SendOnceNotificationId ? (int)MigReturn.ServerDied : (int)MigReturn.ReplyMismatch;
        }

        var items = reply.Body.IsDefault ? [] : reply.Body;
        if (items.Length == 0 || items[0] is not MsgItem.Int32 retCode) return (int)MigReturn.TypeError;
        if (retCode.Value != 0 && (items.Length == 1 || items.Length == 1 + outCount)) return retCode.Value;
        if (items.Length != 1 + outCount) return (int)MigReturn.TypeError;
        body = items;
        return 0;
    }

    /// <summary>
    /// What a stub does with a reply it does not return to its caller: when <paramref name="result"/>
    /// holds a received message (the RPC succeeded), <paramref name="transport"/> destroys it (MIG's
    /// <c>mach_msg_destroy</c>), releasing the rights it brought. A failed RPC has nothing to destroy:
    /// a message a failed send returned is the caller's own, with its rights back where they were.
    /// </summary>
    /// <param name="transport">The stub's transport.</param>
    /// <param name="result">The RPC's outcome.</param>
    /// <returns>When the rights are released.</returns>
    public static ValueTask DiscardAsync(IMigTransport transport, MachMsgResult result)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(result);
        return result.Return == MachMsgReturn.Success && result.Message is { } reply ? transport.DestroyAsync(reply) : default;
    }
}
