using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>
/// The parts of a cell most actors never use, allocated on first use so that an idle actor stays
/// small: children, death-watch sets, behaviour stack, stash, timers, restart bookkeeping.
/// Touched only by the owning cell's turn, except <see cref="SystemQueue"/> (under the mailbox lock) and
/// <see cref="Children"/> (see <see cref="ChildrenContainer"/>).
/// </summary>
internal sealed class CellExtras
{
    /// <summary>System messages waiting (processed before user messages); guarded like the mailbox.</summary>
    public Queue<SystemMessage>? SystemQueue;

    public ChildrenContainer? Children;

    /// <summary>Actors this actor watches.</summary>
    public HashSet<ActorCell>? Watching;

    /// <summary>Actors watching this actor.</summary>
    public HashSet<ActorCell>? WatchedBy;

    /// <summary>Watched actors whose Terminated is queued in the mailbox but not yet handled.</summary>
    public HashSet<ActorCell>? TerminatedQueued;

    public Stack<Receive>? Behaviors;

    public List<Envelope>? Stash;

    public TimerScheduler? Timers;

    /// <summary>Children whose failure this actor escalated: suspended until this actor is resumed or restarted.</summary>
    public List<ActorCell>? Escalated;

    /// <summary>Cause of the restart in progress (state Restarting).</summary>
    public Exception? RestartCause;
}
