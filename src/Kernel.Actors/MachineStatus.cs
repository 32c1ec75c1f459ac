using System.Collections.Concurrent;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel;

/// <summary>
/// Counters the kernel keeps for host code (thread-safe, read from any thread): how many threads
/// were started and have ended, the programs that faulted, and the IPC counters (<see cref="Ipc"/>).
/// Observation only: kernel objects increment them where things happen, and nothing in the machine
/// reads them, so they never change what the machine does.
/// </summary>
public sealed class MachineStatus
{
    private readonly ConcurrentQueue<ThreadFaulted> _faults = new();
    private long _started;
    private long _ended;
    private long _sent;
    private long _rpcs;
    private long _received;
    private long _sendsBlocked;
    private long _notifications;
    private long _portsCreated;
    private long _portsDestroyed;

    /// <summary>Threads created since boot.</summary>
    public long ThreadsStarted => Interlocked.Read(ref _started);

    /// <summary>Threads that have ended (exit, fault or termination).</summary>
    public long ThreadsEnded => Interlocked.Read(ref _ended);

    /// <summary>Threads not yet ended.</summary>
    public long LiveThreads => ThreadsStarted - ThreadsEnded;

    /// <summary>Programs that threw, in order.</summary>
    public IReadOnlyList<ThreadFaulted> Faults => [.. _faults];

    /// <summary>The IPC counters now (each read atomically; read after a run for a consistent set).</summary>
    public IpcCounts Ipc => new(
        Interlocked.Read(ref _sent), Interlocked.Read(ref _rpcs), Interlocked.Read(ref _received), Interlocked.Read(ref _sendsBlocked),
        Interlocked.Read(ref _notifications), Interlocked.Read(ref _portsCreated), Interlocked.Read(ref _portsDestroyed));

    internal void MessageSent(bool rpc)
    {
        Interlocked.Increment(ref _sent);
        if (rpc) Interlocked.Increment(ref _rpcs);
    }

    internal void MessageReceived() => Interlocked.Increment(ref _received);

    internal void SendBlocked() => Interlocked.Increment(ref _sendsBlocked);

    internal void NotificationSent() => Interlocked.Increment(ref _notifications);

    internal void PortCreated() => Interlocked.Increment(ref _portsCreated);

    internal void PortDestroyed() => Interlocked.Increment(ref _portsDestroyed);

    internal void ThreadStarted() => Interlocked.Increment(ref _started);

    internal void ThreadEnded() => Interlocked.Increment(ref _ended);

    internal void Faulted(ThreadFaulted fault) => _faults.Enqueue(fault);
}
