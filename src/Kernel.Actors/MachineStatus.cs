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
    private long _vmFaults, _zeroFills, _pageins, _pageouts, _vmObjects;
    private int _freeFrames = -1, _minFreeFrames = -1, _unwritten, _maxUnwritten;

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

    /// <summary>The VM counters now (each read atomically; read after a run for a consistent set).</summary>
    public VmCounts Vm => new(
        Interlocked.Read(ref _vmFaults), Interlocked.Read(ref _zeroFills), Interlocked.Read(ref _pageins), Interlocked.Read(ref _pageouts),
        Volatile.Read(ref _freeFrames), Volatile.Read(ref _minFreeFrames), Volatile.Read(ref _unwritten), Volatile.Read(ref _maxUnwritten),
        Interlocked.Read(ref _vmObjects));

    internal void VmFault() => Interlocked.Increment(ref _vmFaults);

    internal void VmFrameFilled(bool pagein)
    {
        if (pagein) Interlocked.Increment(ref _pageins);
        else Interlocked.Increment(ref _zeroFills);
    }

    internal void VmPageout() => Interlocked.Increment(ref _pageouts);

    /// <summary>A VM object actor was made (+1) or ended (-1).</summary>
    internal void VmObjects(int delta) => Interlocked.Add(ref _vmObjects, delta);

    /// <summary>Set by the resident memory only (one writer), after every message it handles.</summary>
    internal void VmFreeFrames(int free)
    {
        Volatile.Write(ref _freeFrames, free);
        if (_minFreeFrames < 0 || free < _minFreeFrames) Volatile.Write(ref _minFreeFrames, free);
    }

    /// <summary>Set by the resident memory only (one writer), after every message it handles: pages the default pager has not yet written, now and at most.</summary>
    internal void VmLaundry(int unwritten, int maxUnwritten)
    {
        Volatile.Write(ref _unwritten, unwritten);
        Volatile.Write(ref _maxUnwritten, maxUnwritten);
    }

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
