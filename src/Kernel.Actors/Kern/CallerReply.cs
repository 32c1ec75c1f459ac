using MachActors.Actors;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Where the answer to a kernel call goes: to the CPU of the calling thread (as a
/// <see cref="KernelCallReply"/>, or <see cref="KernelCallBlocked"/> when the call waits), or to host
/// code that asked directly (the bare result). Travels with a call that a kernel object forwards,
/// so whoever finishes the call answers the original caller.
/// </summary>
/// <param name="Target">The CPU (thread calls) or the asker (host calls).</param>
/// <param name="CallId">The CPU's call id; null for host calls.</param>
/// <param name="CallerThread">The calling thread's id; null for host calls.</param>
/// <param name="CallerScheduler">The calling thread's processor set (to wake it after a wait); null for host calls.</param>
public readonly record struct CallerReply(IActorRef Target, long? CallId, long? CallerThread, IActorRef? CallerScheduler)
{
    /// <summary>True when a thread made the call (it may block); false for host code.</summary>
    public bool FromThread => CallId is not null;

    /// <summary>Answers the call with <paramref name="result"/>.</summary>
    public void Send(object? result, IActorRef? self = null)
    {
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
    public void Wake(WaitChannel channel, object? result, IActorRef? self = null) =>
        CallerScheduler!.Tell(new WakeThread(CallerThread!.Value, channel, result), self);
}
