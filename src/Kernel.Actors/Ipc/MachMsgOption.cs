namespace MachActors.Kernel.Ipc;

/// <summary>mach_msg's option bits.</summary>
[Flags]
public enum MachMsgOption : uint
{
    /// <summary>No option.</summary>
    None = 0,

    /// <summary>Send the message.</summary>
    Send = 0x1,

    /// <summary>Receive a message (after the send, when both are given: an RPC).</summary>
    Receive = 0x2,

    /// <summary>The send gives up after the timeout (0: at once) instead of blocking on a full queue.</summary>
    SendTimeout = 0x10,

    /// <summary>Queue anyway when the queue is full; a msg-accepted notification follows.</summary>
    SendNotify = 0x20,

    /// <summary>Return SendInterrupted on thread_abort instead of retrying.</summary>
    SendInterrupt = 0x40,

    /// <summary>Cancel a dead-name request of a moved right silently.</summary>
    SendCancel = 0x80,

    /// <summary>The receive gives up after the timeout (0: poll).</summary>
    ReceiveTimeout = 0x100,

    /// <summary>Register a dead-name request for a newly named reply right.</summary>
    ReceiveNotify = 0x200,

    /// <summary>Return RcvInterrupted on thread_abort instead of retrying.</summary>
    ReceiveInterrupt = 0x400,

    /// <summary>A message too large for the buffer stays queued; its size is reported.</summary>
    ReceiveLarge = 0x800,

    /// <summary>Kernel only: ignore the queue limit (notifications, kernel replies).</summary>
    SendAlways = 0x10000,
}
