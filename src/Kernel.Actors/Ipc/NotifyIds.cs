namespace MachActors.Kernel.Ipc;

/// <summary>The notify subsystem's message ids (base 64), which are also the variants of mach_port_request_notification.</summary>
public static class NotifyIds
{
    /// <summary>MACH_NOTIFY_PORT_DELETED: a right with a dead-name request went away before its port died. Body: the name.</summary>
    public const int PortDeleted = 65;

    /// <summary>MACH_NOTIFY_MSG_ACCEPTED: a message SEND_NOTIFY forced onto a full queue was dequeued. Body: the sender's name for its send right (NULL if gone).</summary>
    public const int MsgAccepted = 66;

    /// <summary>MACH_NOTIFY_PORT_DESTROYED: the receive right would have been destroyed. Body: the receive right.</summary>
    public const int PortDestroyed = 69;

    /// <summary>MACH_NOTIFY_NO_SENDERS: srights fell to 0. Body: mscount.</summary>
    public const int NoSenders = 70;

    /// <summary>MACH_NOTIFY_SEND_ONCE: a send-once right was destroyed unused. Header only.</summary>
    public const int SendOnce = 71;

    /// <summary>MACH_NOTIFY_DEAD_NAME: the port of a name with a dead-name request died. Body: the name.</summary>
    public const int DeadName = 72;

    /// <summary>True for the ids of the notifications the kernel sends (65, 66, 69, 70, 71, 72).</summary>
    public static bool IsNotification(int id) => id is PortDeleted or MsgAccepted or PortDestroyed or NoSenders or SendOnce or DeadName;
}
