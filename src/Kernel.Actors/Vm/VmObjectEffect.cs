using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// What a decision of <see cref="VmObjectState"/> does outside it. The hosting VM object actor carries
/// them out in order (it is the single sender of every kernel -> pager message of its object, I14);
/// tests read them.
/// </summary>
public abstract record VmObjectEffect
{
    /// <summary>Send <paramref name="Message"/> to <paramref name="To"/> (the pager port or a reply_to).</summary>
    /// <param name="To">The target.</param>
    /// <param name="Message">The kernel -> pager message.</param>
    public sealed record Send(IActorRef To, PagerMessage Message) : VmObjectEffect;

    /// <summary>A waiting fault goes on with <paramref name="Answer"/>.</summary>
    /// <param name="Waiter">The fault.</param>
    /// <param name="Answer">What it learns.</param>
    public sealed record Resume(VmFaultWaiter Waiter, VmFaultAnswer Answer) : VmObjectEffect;

    /// <summary>Start the pager timeout of the data_request <paramref name="RequestSeqno"/> for <paramref name="Offset"/>; on expiry the host calls <see cref="VmObjectState.PagerTimedOut"/>.</summary>
    /// <param name="Offset">The page.</param>
    /// <param name="RequestSeqno">The request's sequence number (names the timer).</param>
    public sealed record StartPagerTimer(long Offset, long RequestSeqno) : VmObjectEffect;

    /// <summary>Cancel the pager timeout of the data_request <paramref name="RequestSeqno"/>.</summary>
    /// <param name="Offset">The page.</param>
    /// <param name="RequestSeqno">The request's sequence number.</param>
    public sealed record CancelPagerTimer(long Offset, long RequestSeqno) : VmObjectEffect;

    /// <summary>Start the ready timer <paramref name="Generation"/> (faults wait for ready after init); on expiry the host calls <see cref="VmObjectState.ReadyTimedOut"/>.</summary>
    /// <param name="Generation">Names the timer.</param>
    public sealed record StartReadyTimer(long Generation) : VmObjectEffect;

    /// <summary>Cancel the ready timer <paramref name="Generation"/> (ready came, or the waiters were failed otherwise).</summary>
    /// <param name="Generation">The timer.</param>
    public sealed record CancelReadyTimer(long Generation) : VmObjectEffect;

    /// <summary>Reduce every hardware mapping of the page at <paramref name="Offset"/> to <paramref name="Allowed"/> (a lock_request removed access).</summary>
    /// <param name="Offset">The page.</param>
    /// <param name="Allowed">The accesses still allowed (None: unmap).</param>
    public sealed record RestrictMappings(long Offset, VmProt Allowed) : VmObjectEffect;
}
