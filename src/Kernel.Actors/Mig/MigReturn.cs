namespace MachActors.Kernel.Mig;

/// <summary>
/// MIG's return codes (spec section 0), carried in a reply's RetCode slot or returned by a user stub.
/// They share the <c>kern_return_t</c> space with <see cref="KernReturn"/>: a stub's RetCode is one
/// of these, a kernel or device code, or a <c>mach_msg</c> code when the transport failed.
/// </summary>
public enum MigReturn
{
    /// <summary>KERN_SUCCESS.</summary>
    Success = 0,

    /// <summary>MIG_TYPE_ERROR: the reply's items do not have the declared types or count.</summary>
    TypeError = -300,

    /// <summary>MIG_REPLY_MISMATCH: the reply's id is not the request id + 100.</summary>
    ReplyMismatch = -301,

    /// <summary>MIG_REMOTE_ERROR: the server reported an error.</summary>
    RemoteError = -302,

    /// <summary>MIG_BAD_ID: the request's id names no routine of the subsystem (outside the table or a skipped slot).</summary>
    BadId = -303,

    /// <summary>MIG_BAD_ARGUMENTS: the request's items do not have the declared types or count.</summary>
    BadArguments = -304,

    /// <summary>MIG_NO_REPLY: the server kept the reply right and answers later (deferred reply).</summary>
    NoReply = -305,

    /// <summary>MIG_EXCEPTION: the server routine raised an exception.</summary>
    Exception = -306,

    /// <summary>MIG_ARRAY_TOO_LARGE: an array exceeds its declared maximum.</summary>
    ArrayTooLarge = -307,

    /// <summary>MIG_SERVER_DIED: a send-once notification (id 71) arrived in place of the reply.</summary>
    ServerDied = -308,
}
