using System.Collections.Concurrent;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel;

/// <summary>
/// Counters the host object keeps for host code (thread-safe, read from any thread): how many
/// threads were started and have ended, and the programs that faulted. Observation only: nothing in
/// the machine reads it.
/// </summary>
public sealed class MachineStatus
{
    private readonly ConcurrentQueue<ThreadFaulted> _faults = new();
    private long _started;
    private long _ended;

    /// <summary>Threads created since boot.</summary>
    public long ThreadsStarted => Interlocked.Read(ref _started);

    /// <summary>Threads that have ended (exit, fault or termination).</summary>
    public long ThreadsEnded => Interlocked.Read(ref _ended);

    /// <summary>Threads not yet ended.</summary>
    public long LiveThreads => ThreadsStarted - ThreadsEnded;

    /// <summary>Programs that threw, in order.</summary>
    public IReadOnlyList<ThreadFaulted> Faults => [.. _faults];

    internal void ThreadStarted() => Interlocked.Increment(ref _started);

    internal void ThreadEnded() => Interlocked.Increment(ref _ended);

    internal void Faulted(ThreadFaulted fault) => _faults.Enqueue(fault);
}
