namespace MachActors.Scenarios.Monitors;

/// <summary>How a message in transit ended, as <see cref="MessageAccountingMonitor"/> counts it.</summary>
public enum MessageEnd
{
    /// <summary>Dequeued and handed to the receiving space (its copyout, or its destruction there when the receiver's task was terminated).</summary>
    Received,

    /// <summary>Given back to the sending space (pseudo-receive: a send that timed out or was interrupted).</summary>
    PseudoReceived,

    /// <summary>Taken by the kernel object behind a kernel port.</summary>
    KernelConsumed,

    /// <summary>Queued (or its sender blocked) when its port died: destroyed with the port.</summary>
    DestroyedWithPort,

    /// <summary>Reached a port that was already dead: destroyed there (the sender still gets Success, spec 1.4 item 7).</summary>
    SentToDeadPort,

    /// <summary>Carried its own destination's receive right: destroyed at the port (spec 2.4).</summary>
    CarriedOwnReceiveRight,

    /// <summary>Still queued on a live port when the run ended.</summary>
    LeftQueued,

    /// <summary>Still in a mailbox (on its way to a port or a space) when the run reached its end condition.</summary>
    InFlightAtEnd,
}
