namespace MachActors.Kernel.Ipc;

/// <summary><c>mach_msg_return_t</c>: the result of a mach_msg trap, values as in CMU Mach 3.0 / GNU Mach.</summary>
public enum MachMsgReturn : uint
{
    /// <summary>Sent (queued, handed over, or destroyed because the port was dead) or received.</summary>
    Success = 0,

    /// <summary>Received: the receiving space ran out of names; a right was dropped (OR-ed into a code).</summary>
    IpcSpace = 0x2000,

    /// <summary>Received: out-of-line memory could not be placed (OR-ed into a code).</summary>
    VmSpace = 0x1000,

    /// <summary>The message buffer could not be read; nothing done.</summary>
    SendInvalidData = 0x10000002,

    /// <summary>The destination name does not hold the right its disposition needs; nothing done.</summary>
    SendInvalidDest = 0x10000003,

    /// <summary>The queue stayed full past the send timeout; the message comes back (pseudo-receive).</summary>
    SendTimedOut = 0x10000004,

    /// <summary>SEND_NOTIFY: the message was queued anyway; a msg-accepted notification follows.</summary>
    SendWillNotify = 0x10000005,

    /// <summary>SEND_NOTIFY while a forced message is still queued.</summary>
    SendNotifyInProgress = 0x10000006,

    /// <summary>thread_abort interrupted a blocked send; the message comes back.</summary>
    SendInterrupted = 0x10000007,

    /// <summary>The message is smaller than a header, or its last item overruns the end.</summary>
    SendMsgTooSmall = 0x10000008,

    /// <summary>A bad reply (local) port or disposition; nothing done.</summary>
    SendInvalidReply = 0x10000009,

    /// <summary>A body right the caller does not hold; the message is destroyed.</summary>
    SendInvalidRight = 0x1000000a,

    /// <summary>A bad notify argument.</summary>
    SendInvalidNotify = 0x1000000b,

    /// <summary>An out-of-line region is not readable; the message is destroyed.</summary>
    SendInvalidMemory = 0x1000000c,

    /// <summary>No kernel buffer for the message (also: larger than <see cref="IpcLimits.MsgSizeMax"/>).</summary>
    SendNoBuffer = 0x1000000d,

    /// <summary>No kernel resources for the notify request.</summary>
    SendNoNotify = 0x1000000e,

    /// <summary>A bad item descriptor.</summary>
    SendInvalidType = 0x1000000f,

    /// <summary>Bad header bits (a disposition that is not a send type for the destination, ...).</summary>
    SendInvalidHeader = 0x10000010,

    /// <summary>The receive name is not a receive right or a port set.</summary>
    RcvInvalidName = 0x10004002,

    /// <summary>Nothing arrived before the receive timeout.</summary>
    RcvTimedOut = 0x10004003,

    /// <summary>The message was larger than the receive buffer.</summary>
    RcvTooLarge = 0x10004004,

    /// <summary>thread_abort interrupted a blocked receive.</summary>
    RcvInterrupted = 0x10004005,

    /// <summary>The receive right moved into a port set during the receive.</summary>
    RcvPortChanged = 0x10004006,

    /// <summary>A bad notify argument; the message was dequeued and destroyed.</summary>
    RcvInvalidNotify = 0x10004007,

    /// <summary>The receive buffer was not writable.</summary>
    RcvInvalidData = 0x10004008,

    /// <summary>The receive right was destroyed or moved away during the receive.</summary>
    RcvPortDied = 0x10004009,

    /// <summary>The receive right is a member of a port set (receive from the set).</summary>
    RcvInSet = 0x1000400a,

    /// <summary>Resource shortage while copying out the header.</summary>
    RcvHeaderError = 0x1000400b,

    /// <summary>Resource shortage while copying out the body.</summary>
    RcvBodyError = 0x1000400c,
}
