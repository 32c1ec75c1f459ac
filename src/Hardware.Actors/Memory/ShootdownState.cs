namespace MachActors.Hardware.Memory;

/// <summary>Where a shootdown stands after a <see cref="ShootdownTracker"/> call.</summary>
public enum ShootdownState
{
    /// <summary>Some CPUs have not acknowledged yet.</summary>
    Pending = 0,

    /// <summary>Every CPU that may have cached the pages has acknowledged (or none could have): the frames may be reused.</summary>
    Completed = 1,

    /// <summary>The ack matched no outstanding request of that CPU (unknown or finished token, a CPU not asked, a repeat); ignored.</summary>
    Stale = 2,

    /// <summary>Bad arguments (a negative first page, a count below one, a CPU out of range); nothing changed.</summary>
    InvalidArgument = 3,
}
