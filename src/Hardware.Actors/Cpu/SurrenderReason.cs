namespace MachActors.Hardware.Cpu;

/// <summary>Why a CPU gave a thread back to its scheduler.</summary>
public abstract record SurrenderReason
{
    /// <summary>The thread yielded (swtch / thread_switch), optionally handing off to a queued thread.</summary>
    /// <param name="HandoffThreadId">The hinted thread, or null.</param>
    public sealed record Yield(long? HandoffThreadId) : SurrenderReason;

    /// <summary>The scheduler preempted it (quantum expired, or a better thread became runnable).</summary>
    public sealed record Preempted : SurrenderReason
    {
        /// <summary>The one instance.</summary>
        public static readonly Preempted Instance = new();
    }

    /// <summary>
    /// Its kernel call blocks on <paramref name="Channel"/>; the wakeup comes through the scheduler.
    /// With <paramref name="HandoffThreadId"/> the scheduler runs that thread next on this CPU when it
    /// is queued runnable in the same set and not bound elsewhere (IPC handoff), whatever its priority.
    /// </summary>
    /// <param name="Channel">What it waits on (for reports and thread_abort).</param>
    /// <param name="HandoffThreadId">The hinted thread, or null.</param>
    public sealed record Blocked(object Channel, long? HandoffThreadId = null) : SurrenderReason;

    /// <summary>It was suspended (its own or its task's suspend count became positive).</summary>
    public sealed record Suspended : SurrenderReason
    {
        /// <summary>The one instance.</summary>
        public static readonly Suspended Instance = new();
    }

    /// <summary>It moves to another processor set, or its processor does.</summary>
    public sealed record Migrating : SurrenderReason
    {
        /// <summary>The one instance.</summary>
        public static readonly Migrating Instance = new();
    }

    /// <summary>It was terminated from outside (thread_terminate, task_terminate).</summary>
    public sealed record Terminated : SurrenderReason
    {
        /// <summary>The one instance.</summary>
        public static readonly Terminated Instance = new();
    }

    /// <summary>Its program ended, returning <paramref name="Result"/> (or by thread exit).</summary>
    /// <param name="Result">The exit value.</param>
    public sealed record Exited(object? Result) : SurrenderReason;

    /// <summary>Its program threw or broke the rules.</summary>
    /// <param name="Error">What went wrong.</param>
    public sealed record Faulted(Exception Error) : SurrenderReason
    {
        /// <inheritdoc />
        public override string ToString() => $"Faulted({Error.GetType().Name}: {Error.Message})";
    }
}
