using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>
/// One wait: what a blocked thread waits on, created by the kernel object that blocks it and
/// compared by identity, so that a late or repeated wakeup can never wake a later wait.
/// </summary>
/// <param name="owner">The kernel object that will wake the thread (told to forget it on abort or termination).</param>
/// <param name="what">A description for reports ("join worker#12", "mutex 3").</param>
public sealed class WaitChannel(IActorRef owner, string what)
{
    /// <summary>The kernel object that will wake the thread.</summary>
    public IActorRef Owner { get; } = owner;

    /// <summary>What the thread waits for.</summary>
    public string What { get; } = what;

    /// <inheritdoc />
    public override string ToString() => What;
}
