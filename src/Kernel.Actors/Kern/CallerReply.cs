using MachActors.Actors;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Where the answer to a kernel call goes: to the CPU of the calling thread (as a
/// <see cref="KernelCallReply"/>, or <see cref="KernelCallBlocked"/> when the call waits), or to host
/// code that asked directly (the bare result), or a MIG reply message through a reply right. Travels with a call that a kernel object forwards,
/// so whoever finishes the call answers the original caller.
/// </summary>
public readonly record struct CallerReply
{
    // The two ids and the flag are packed (a presence bit per id): the reply rides in several records per
    // message (waits, answers, effects), and two long? fields and a bool would make it 72 bytes instead of 56.
    private const byte HasCallId = 1, HasCallerThread = 2, Declines = 4;
    private readonly long _callId;
    private readonly long _callerThread;
    private readonly byte _flags;

    /// <summary>An answer path to <paramref name="Target"/>.</summary>
    /// <param name="Target">The CPU (thread calls) or the asker (host calls).</param>
    /// <param name="CallId">The CPU's call id; null for host calls.</param>
    /// <param name="CallerThread">The calling thread's id; null for host calls.</param>
    /// <param name="CallerScheduler">The calling thread's processor set (to wake it after a wait); null for host calls.</param>
    public CallerReply(IActorRef Target, long? CallId, long? CallerThread, IActorRef? CallerScheduler)
    {
        this.Target = Target;
        this.CallId = CallId;
        this.CallerThread = CallerThread;
        this.CallerScheduler = CallerScheduler;
    }

    /// <summary>The CPU (thread calls) or the asker (host calls).</summary>
    public IActorRef Target { get; init; }

    /// <summary>The CPU's call id; null for host calls.</summary>
    public long? CallId
    {
        get => (_flags & HasCallId) != 0 ? _callId : null;
        init
        {
            _callId = value ?? 0;
            _flags = value is null ? (byte)(_flags & ~HasCallId) : (byte)(_flags | HasCallId);
        }
    }

    /// <summary>The calling thread's id; null for host calls.</summary>
    public long? CallerThread
    {
        get => (_flags & HasCallerThread) != 0 ? _callerThread : null;
        init
        {
            _callerThread = value ?? 0;
            _flags = value is null ? (byte)(_flags & ~HasCallerThread) : (byte)(_flags | HasCallerThread);
        }
    }

    /// <summary>The calling thread's processor set (to wake it after a wait); null for host calls.</summary>
    public IActorRef? CallerScheduler { get; init; }

    /// <summary>The parts given to the constructor.</summary>
    public void Deconstruct(out IActorRef Target, out long? CallId, out long? CallerThread, out IActorRef? CallerScheduler)
    {
        Target = this.Target;
        CallId = this.CallId;
        CallerThread = this.CallerThread;
        CallerScheduler = this.CallerScheduler;
    }

    /// <summary>True when a thread made the call (it may block); false for host code and MIG messages.</summary>
    public bool FromThread => CallId is not null;

    /// <summary>For a call that arrived as a MIG message on a kernel port: builds and sends the reply message.</summary>
    internal MigCallReply? Mig { get; init; }

    /// <summary>True when the call arrived as a MIG message (its answer is a reply message).</summary>
    public bool FromMessage => Mig is not null;

    /// <summary>The answer path of a MIG request served by <paramref name="server"/>: the result becomes a reply message.</summary>
    internal static CallerReply ForMessage(IActorRef server, MigCallReply mig) => new(server, null, null, null) { Mig = mig };

    /// <summary>
    /// For a kernel-port call whose answer names a new kernel object (thread_create, task_create,
    /// processor_set_create by trap): the answer goes back through the calling task, which names the
    /// object's port in its own space before it answers the caller.
    /// </summary>
    internal CallRelay? Relay { get; init; }

    /// <summary>
    /// The receive half of an RPC that carried a handoff hint: when it is answered at once (it did not
    /// block), the calling thread keeps its CPU, so the thread its send woke must not stay reserved for
    /// that CPU: <see cref="Send"/> tells the caller's processor set (<see cref="HandoffDeclined"/>).
    /// </summary>
    internal bool DeclinesHandoffOnSend
    {
        get => (_flags & Declines) != 0;
        init => _flags = value ? (byte)(_flags | Declines) : (byte)(_flags & ~Declines);
    }

    /// <summary>Answers the call with <paramref name="result"/>.</summary>
    public void Send(object? result, IActorRef? self = null)
    {
        if (DeclinesHandoffOnSend && CallerScheduler is { } scheduler && CallerThread is { } caller)
        {
            scheduler.Tell(new HandoffDeclined(caller), self);
        }
        if (Relay is { } relay)
        {
            relay.Task.Tell(new RelayedAnswer(result, relay.Original), self);
            return;
        }
        if (Mig is { } mig)
        {
            mig.Send(result, self);
            return;
        }
        if (CallId is { } id) Target.Tell(new KernelCallReply(id, result), self);
        else Target.Tell(result ?? KernReturn.Success, self);
    }

    /// <summary>
    /// Parks the calling thread on <paramref name="channel"/>: its CPU gives it back to the scheduler,
    /// and <see cref="WakeThread"/> with the same channel wakes it later. With <paramref name="handoff"/>
    /// the scheduler runs that thread next on the CPU if it can (IPC handoff). Preconditions: <see cref="FromThread"/>.
    /// </summary>
    public void Block(WaitChannel channel, IActorRef? self = null, long? handoff = null)
    {
        if (CallId is not { } id) throw new InvalidOperationException("only a thread's call can block");
        Target.Tell(new KernelCallBlocked(id, channel, handoff), self);
    }

    /// <summary>Wakes the thread that blocked on <paramref name="channel"/>, with <paramref name="result"/>.</summary>
    /// <remarks><paramref name="handoffFrom"/>: the running thread that will hand its CPU to this one (see <see cref="WakeThread.HandoffFrom"/>).</remarks>
    public void Wake(WaitChannel channel, object? result, IActorRef? self = null, long? handoffFrom = null) =>
        CallerScheduler!.Tell(new WakeThread(CallerThread!.Value, channel, result, handoffFrom), self);
}
