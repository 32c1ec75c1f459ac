using MachActors.Actors.Event;
using MachActors.Actors.Supervision;
using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>Failure, supervision, restart and termination.</summary>
internal sealed partial class ActorCell
{
    /// <summary>
    /// A handler or hook of this actor threw. Effects: ActorFailed is published; unless the actor is
    /// already stopping, it is suspended (user messages wait) and its parent receives Failed.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message, ActorCell? origin = null)
    {
        Sys.ReportFailure(this, cause, message);
        if (_state is CellState.Terminating or CellState.Terminated) return;
        _state = CellState.Suspended;
        if (ParentCell is null)
        {
            // The root has no supervisor: its failure is a runtime bug, reported above; stop it.
            BeginTerminate();
            return;
        }
        Sys.Dispatcher.PostSystem(ParentCell, new Failed(this, cause, message, origin ?? this));
    }

    /// <summary>
    /// System message Failed from a child. Preconditions: the child is suspended. Effects: the
    /// supervisor strategy's directive is sent to the child (Resume / Recreate / Terminate), or this
    /// actor fails with the same cause (Escalate). The root stops a failing guardian and publishes
    /// <see cref="UnhandledFailure"/>. Failures of children already gone are ignored.
    /// </summary>
    private void HandleChildFailed(Failed failed)
    {
        var child = failed.Child;
        if (_extras?.Children is not { } children || !children.Contains(child) || child.StopRequested) return;
        if (ParentCell is null)
        {
            Sys.ReportUnhandledFailure(failed.Origin, failed.Cause);
            child.StopRequested = true;
            Sys.Dispatcher.PostSystem(child, TerminateSelf.Instance);
            return;
        }
        var strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.Default;
        switch (strategy.Decide(children.StatsFor(child), failed.Cause, Sys.Now))
        {
            case Directive.Resume:
                Sys.Dispatcher.PostSystem(child, Resume.Instance);
                break;
            case Directive.Restart:
                Sys.Dispatcher.PostSystem(child, new Recreate(failed.Cause, failed.Message));
                break;
            case Directive.Stop:
                child.StopRequested = true;
                Sys.Dispatcher.PostSystem(child, TerminateSelf.Instance);
                break;
            default:
                (Extras.Escalated ??= []).Add(child);
                HandleInvokeFailure(failed.Cause, null, failed.Origin);
                break;
        }
    }

    /// <summary>System message Resume: run again, and resume the children whose failure we escalated.</summary>
    private void ResumeAfterFailure()
    {
        if (_state != CellState.Suspended) return;
        _state = CellState.Running;
        ReleaseEscalated(Resume.Instance);
    }

    /// <summary>
    /// Our supervisor decided about a failure we escalated: the children that failed with it (still
    /// suspended) follow that decision (as in Akka.NET, where a resumed or restarted supervisor
    /// resumes or restarts its surviving children).
    /// </summary>
    private void ReleaseEscalated(SystemMessage directive)
    {
        if (_extras?.Escalated is not { Count: > 0 } escalated) return;
        foreach (var child in escalated)
        {
            if (_extras.Children?.Contains(child) == true && !child.StopRequested) Sys.Dispatcher.PostSystem(child, directive);
        }
        escalated.Clear();
    }

    /// <summary>
    /// System message Recreate. Effects: PreRestart on the failed instance (default: stop children,
    /// PostStop); timers cancelled; stashed messages back at the mailbox front; behaviour reset. The
    /// fresh instance is made once the children it stopped have terminated.
    /// </summary>
    private void BeginRecreate(Exception cause, object? message)
    {
        if (_state is CellState.Terminating or CellState.Terminated) return;
        var failed = _actor;
        _actor = null;
        if (failed is not null)
        {
            try
            {
                failed.InvokePreRestart(cause, message);
            }
            catch (Exception e)
            {
                Sys.ReportFailure(this, e, message);
            }
        }
        _extras?.Timers?.CancelAll();
        UnstashAllInternal();
        _extras?.Behaviors?.Clear();
        if (_extras?.Children is { } children && children.AnyStopping())
        {
            _state = CellState.Restarting;
            Extras.RestartCause = cause;
            return;
        }
        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _state = CellState.Running;
        ReleaseEscalated(new Recreate(cause, null));
        if (_extras is not null) _extras.RestartCause = null;
        try
        {
            _actor = NewActor();
            _actor.InvokePostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{this}: restarting {_props.ActorType.Name} failed: {e.Message}", e), null);
        }
    }

    /// <summary>
    /// System message Terminate. Effects: timers cancelled, every child asked to stop; once they have
    /// all terminated, <see cref="FinishTerminate"/> runs.
    /// </summary>
    private void BeginTerminate()
    {
        if (_state is CellState.Terminating or CellState.Terminated) return;
        _state = CellState.Terminating;
        _extras?.Timers?.CancelAll();
        if (!StopAllChildren()) FinishTerminate();
    }

    /// <summary>
    /// Final step of stopping. Effects, in order: PostStop; the mailbox closes and everything left in
    /// it or in the stash becomes a dead letter; watchers get DeathWatchNotification; the parent gets
    /// ChildTerminated; event-stream subscriptions end; a Stop trace event.
    /// </summary>
    private void FinishTerminate()
    {
        if (_actor is { } actor)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception e)
            {
                Sys.ReportFailure(this, e, null);
            }
        }
        _actor = null;
        var (user, system) = CloseMailbox();
        if (_extras?.Stash is { Count: > 0 } stash)
        {
            user.InsertRange(0, stash);
            stash.Clear();
        }
        foreach (var e in user)
        {
            if (e.Message is TimerFired) continue; // timers were cancelled: their messages are stale, not Tells
            Sys.DeadLetter(e.Message, e.Sender, SelfRef);
        }
        foreach (var s in system) OnSystemMessageAfterTermination(s);
        NotifyWatchersAndUnwatchAll();
        if (ParentCell is not null) Sys.Dispatcher.PostSystem(ParentCell, new ChildTerminated(this));
        Sys.OnTerminated(this);
    }
}
