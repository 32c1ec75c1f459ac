using System.Collections.Immutable;
using MachActors.Actors.Timing;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Published on the event stream (and kept in <c>MachineStatus.Faults</c>) when a thread's exception
/// found no exception server (spec 6): its task was terminated, the machine goes on. Also when a thread
/// fails with no exception delivery at all (a thread whose execution has no exception hook).
/// </summary>
/// <param name="Thread">The thread.</param>
/// <param name="Task">Its task.</param>
/// <param name="Error">What its program threw (or the broken rule); null for an exception it raised itself.</param>
/// <param name="At">When.</param>
public sealed record ThreadFaulted(ThreadHandle Thread, TaskHandle Task, Exception? Error, VirtualTime At)
{
    /// <summary>The exception raised (type, code, subcode); null when the thread failed without exception delivery.</summary>
    public MachException? Exception { get; init; }

    /// <summary>The handlers tried, in order (thread port, then task port), with their outcomes.</summary>
    public ImmutableArray<ExceptionAttempt> Tried { get; init; } = [];

    /// <summary>True when the task was terminated for it (no exception server).</summary>
    public bool TaskTerminated => Exception is not null;

    /// <inheritdoc />
    public override string ToString()
    {
        var threw = Error is null ? "" : $": {Error.GetType().Name}: {Error.Message}";
        return Exception is { } e
            ? $"thread {Thread} of task {Task} faulted at {At}: {e}{threw}; no exception server ({string.Join(", ", Tried)}), task terminated"
            : $"thread {Thread} of task {Task} faulted at {At}{threw}";
    }
}
