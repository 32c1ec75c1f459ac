namespace MachActors.Kernel.Kern;

/// <summary>A thread's scheduling policy (thread_policy).</summary>
public enum SchedPolicy
{
    /// <summary>POLICY_TIMESHARE: priority degrades with CPU usage; the default.</summary>
    Timeshare = 1,

    /// <summary>POLICY_FIXEDPRI: priority is the base priority; a fixed quantum.</summary>
    FixedPriority = 2,
}
