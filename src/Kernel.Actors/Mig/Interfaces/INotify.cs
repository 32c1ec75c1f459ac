using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>notify</c> (base 64): the kernel's notifications (spec section 1.5), all
/// simpleroutines sent through a send-once right. Slot 64 and slots 67-68 are skipped.
/// Generated: <c>NotifyClient</c>, <c>NotifyServer</c>.
/// </summary>
[MigSubsystem("notify", 64)]
public interface INotify
{
    /// <summary>port-deleted (65): a right with a dead-name request went away before its port died.</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <param name="name">The name that held the right.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSkip]
    [MigSimpleRoutine]
    KernReturn PortDeleted([MigPort(MsgType.MoveSendOnce)] PortName notify, [MigPort(MsgType.PortNameOnly)] PortName name);

    /// <summary>msg-accepted (66): a message queued with SEND_NOTIFY has been dequeued.</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <param name="name">The send right's name (NULL if that right is gone).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn MsgAccepted([MigPort(MsgType.MoveSendOnce)] PortName notify, [MigPort(MsgType.PortNameOnly)] PortName name);

    /// <summary>port-destroyed (69): the receive right would have been destroyed; here it is.</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <param name="rights">The receive right.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message (took the right).</returns>
    [MigSkip(2)]
    [MigSimpleRoutine]
    KernReturn PortDestroyed([MigPort(MsgType.MoveSendOnce)] PortName notify, [MigPort(MsgType.MoveReceive)] PortName rights);

    /// <summary>no-senders (70): the port's send rights dropped to 0.</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <param name="mscount">The make-send count at that moment.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn NoSenders([MigPort(MsgType.MoveSendOnce)] PortName notify, int mscount);

    /// <summary>send-once (71): a send-once right was destroyed unused (header only).</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn SendOnce([MigPort(MsgType.MoveSendOnce)] PortName notify);

    /// <summary>dead-name (72): the port died while the name held a right.</summary>
    /// <param name="notify">The notify port (send-once).</param>
    /// <param name="name">The name, now a dead name.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine]
    KernReturn DeadName([MigPort(MsgType.MoveSendOnce)] PortName notify, [MigPort(MsgType.PortNameOnly)] PortName name);
}
