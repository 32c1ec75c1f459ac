using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// What a decision of the IPC state classes (<see cref="IpcSpace"/>, <see cref="PortState"/>,
/// <see cref="PortSetState"/>) does outside them. The hosting actor carries them out in order
/// (<see cref="IpcEffects.Apply"/>); tests read them.
/// </summary>
public abstract record IpcEffect
{
    /// <summary>Send <paramref name="Message"/> to <paramref name="To"/> (a port, port set or space actor).</summary>
    /// <param name="To">The target.</param>
    /// <param name="Message">An IPC protocol message.</param>
    public sealed record Tell(IActorRef To, object Message) : IpcEffect;

    /// <summary>Answer a thread's (or host's) call now.</summary>
    /// <param name="Reply">The caller.</param>
    /// <param name="Result">The answer.</param>
    public sealed record Answer(CallerReply Reply, object Result) : IpcEffect;

    /// <summary>Park the calling thread on <paramref name="Channel"/>, hinting <paramref name="Handoff"/> as the thread to run next.</summary>
    /// <param name="Reply">The caller (a thread).</param>
    /// <param name="Channel">The wait.</param>
    /// <param name="Handoff">A thread to hand the CPU to, or null.</param>
    public sealed record Block(CallerReply Reply, WaitChannel Channel, long? Handoff) : IpcEffect;

    /// <summary>Wake a thread parked on <paramref name="Channel"/> with <paramref name="Result"/>.</summary>
    /// <param name="Reply">The parked caller.</param>
    /// <param name="Channel">Its wait.</param>
    /// <param name="Result">What its call returns.</param>
    public sealed record Wake(CallerReply Reply, WaitChannel Channel, object Result) : IpcEffect;

    /// <summary>Start a timer: after <paramref name="After"/>, the host feeds <see cref="IpcTimeout"/> with <paramref name="Key"/> back in.</summary>
    /// <param name="Key">The wait's key.</param>
    /// <param name="After">The timeout, in virtual time.</param>
    public sealed record StartTimer(long Key, Duration After) : IpcEffect;

    /// <summary>Cancel the timer of <paramref name="Key"/>.</summary>
    /// <param name="Key">The wait's key.</param>
    public sealed record CancelTimer(long Key) : IpcEffect;
}
