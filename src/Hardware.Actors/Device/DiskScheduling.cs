namespace MachActors.Hardware.Device;

/// <summary>The order in which a <see cref="Disk"/> serves its queued requests.</summary>
public enum DiskScheduling
{
    /// <summary>Arrival order.</summary>
    Fifo,

    /// <summary>
    /// Elevator (the LOOK form of SCAN): the head keeps moving in one direction, serving the pending
    /// request on the nearest track in that direction (arrival order among equal tracks); when none is
    /// left that way it turns round. A request never overtakes an earlier pending request whose
    /// blocks overlap its own when either writes, so read-after-write holds in both orders.
    /// </summary>
    Elevator,
}
