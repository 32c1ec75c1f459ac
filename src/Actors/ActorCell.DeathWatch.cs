namespace MachActors.Actors;

/// <summary>Death watch: Watch / Unwatch and the Terminated notifications (Akka.NET semantics).</summary>
internal sealed partial class ActorCell
{
    /// <inheritdoc />
    public IActorRef Watch(IActorRef actor)
    {
        EnsureInside();
        var target = CellOf(actor);
        if (target == this) return actor;
        if ((Extras.Watching ??= []).Add(target)) Sys.Dispatcher.PostSystem(target, new Watch(this));
        return actor;
    }

    /// <inheritdoc />
    public IActorRef Unwatch(IActorRef actor)
    {
        EnsureInside();
        var target = CellOf(actor);
        if (target == this) return actor;
        if (_extras?.Watching?.Remove(target) == true) Sys.Dispatcher.PostSystem(target, new Unwatch(this));
        _extras?.TerminatedQueued?.Remove(target);
        return actor;
    }

    private static ActorCell CellOf(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor is LocalActorRef local
            ? local.Cell
            : throw new ArgumentException($"{actor} is not an actor of this system and cannot be watched", nameof(actor));
    }

    /// <summary>System message Watch: remember the watcher; FinishTerminate notifies it.</summary>
    private void AddWatcher(ActorCell watcher)
    {
        if (watcher != this) (Extras.WatchedBy ??= []).Add(watcher);
    }

    /// <summary>
    /// System message DeathWatchNotification: if we still watch the dead actor (and are not stopping),
    /// queue Terminated behind the mail already waiting, as Akka.NET does.
    /// </summary>
    private void WatchedActorTerminated(IActorRef actor)
    {
        var dead = ((LocalActorRef)actor).Cell;
        if (_extras?.Watching?.Remove(dead) != true) return;
        if (_state is CellState.Terminating or CellState.Terminated) return;
        (Extras.TerminatedQueued ??= []).Add(dead);
        Sys.Dispatcher.Post(this, new Terminated(actor), actor);
    }

    /// <summary>A Terminated reached the mailbox's head: handle it unless we unwatched meanwhile.</summary>
    private void ReceivedTerminated(Terminated terminated)
    {
        if (terminated.ActorRef is LocalActorRef { Cell: var dead } && _extras?.TerminatedQueued?.Remove(dead) == true)
        {
            ReceiveMessage(terminated);
        }
    }

    /// <summary>
    /// A system message reached a cell that had already terminated: a Watch is answered at once with
    /// the notification; every other kind has nothing left to act on.
    /// </summary>
    internal void OnSystemMessageAfterTermination(SystemMessage message)
    {
        if (message is Watch w) Sys.Dispatcher.PostSystem(w.Watcher, new DeathWatchNotification(SelfRef));
    }

    /// <summary>Tells every watcher that we stopped, and tells everyone we watch to forget us.</summary>
    private void NotifyWatchersAndUnwatchAll()
    {
        if (_extras?.WatchedBy is { } watchers)
        {
            foreach (var w in watchers.OrderBy(static c => c.Id)) Sys.Dispatcher.PostSystem(w, new DeathWatchNotification(SelfRef));
            watchers.Clear();
        }
        if (_extras?.Watching is { } watching)
        {
            foreach (var t in watching.OrderBy(static c => c.Id)) Sys.Dispatcher.PostSystem(t, new Unwatch(this));
            watching.Clear();
        }
        _extras?.TerminatedQueued?.Clear();
    }
}
