using MachActors.Actors;
using MachActors.Actors.Supervision;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The parent of external pagers (a child of the host): it spawns each pager and stops one that throws
/// instead of restarting it, so the VM objects watching it take the pager-death path (R11) rather than
/// talking to a pager that forgot its objects.
/// </summary>
internal sealed class PagerSupervisor : Actor
{
    /// <summary>Every failing pager is stopped.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => MachActors.Actors.Supervision.SupervisorStrategy.Stopping;

    /// <summary>SpawnPager: the pager is spawned and its ref answered.</summary>
    protected override void OnReceive(object message)
    {
        if (message is SpawnPager s) s.Reply.Send(Context.Spawn(s.Pager), Self);
        else Unhandled(message);
    }
}

/// <summary>Host -> <see cref="PagerSupervisor"/>: spawn a pager and answer its ref to <paramref name="Reply"/>.</summary>
/// <param name="Pager">The props.</param>
/// <param name="Reply">The caller.</param>
internal sealed record SpawnPager(Props Pager, CallerReply Reply);
