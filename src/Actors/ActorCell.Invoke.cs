using MachActors.Actors.Dispatch;
using MachActors.Actors.Event;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;

namespace MachActors.Actors;

/// <summary>Processing one unit of work: creation, a system message, or a user message.</summary>
internal sealed partial class ActorCell
{
    /// <summary>
    /// Processes exactly one unit of work. Preconditions: called by the dispatcher on the cell's own
    /// turn, with <see cref="Current"/> set to this cell. Effects: at most one handler or lifecycle
    /// step runs; handler exceptions go to the supervisor; a waiting system message goes first unless
    /// <paramref name="userFirst"/>. Returns false when there was nothing to do.
    /// </summary>
    internal bool ProcessOne(bool userFirst = false)
    {
        if (_state == CellState.Created)
        {
            CreateInstance();
            return true;
        }
        if (!TryTake(out var system, out var envelope, userFirst)) return false;
        if (system is not null) InvokeSystem(system);
        else InvokeUser(envelope);
        return true;
    }

    private void InvokeUser(in Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        if (Sys.Tracer is { } tracer) Sys.TraceDeliver(tracer, this, envelope.Sender, message);
        try
        {
            switch (message)
            {
                case TimerFired fired:
                    var payload = _extras?.Timers?.Accept(fired);
                    if (payload is null) return; // cancelled or replaced after it fired
                    _currentMessage = payload;
                    ReceiveMessage(payload);
                    break;
                case PoisonPill:
                    Sys.Dispatcher.PostSystem(this, TerminateSelf.Instance);
                    break;
                case Kill:
                    throw new ActorKilledException($"{this} received Kill");
                case Terminated terminated:
                    ReceivedTerminated(terminated);
                    break;
                default:
                    ReceiveMessage(message);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, _currentMessage);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void InvokeSystem(SystemMessage message)
    {
        if (Sys.Tracer is { } tracer) Sys.TraceDeliver(tracer, this, Sys.DeadLetters, message);
        try
        {
            switch (message)
            {
                case TerminateSelf: BeginTerminate(); break;
                case Watch w: AddWatcher(w.Watcher); break;
                case Unwatch u: _extras?.WatchedBy?.Remove(u.Watcher); break;
                case DeathWatchNotification n: WatchedActorTerminated(n.Actor); break;
                case ChildTerminated c: HandleChildTerminated(c.Child); break;
                case Failed f: HandleChildFailed(f); break;
                case Resume: ResumeAfterFailure(); break;
                case Recreate r: BeginRecreate(r.Cause, r.Message); break;
                default: throw new InvalidOperationException("unknown system message " + message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }

    /// <summary>Hands a message to the current behaviour (top of the behaviour stack, else OnReceive).</summary>
    private void ReceiveMessage(object message)
    {
        if (_extras?.Behaviors is { Count: > 0 } behaviors) behaviors.Peek()(message);
        else _actor!.InvokeReceive(message);
    }

    /// <summary>Reports an unhandled message; an unhandled Terminated breaks the death pact.</summary>
    internal void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        Interlocked.Increment(ref Sys.UnhandledCount);
        if (Sys.EventStream.HasSubscribers) Sys.EventStream.Publish(new UnhandledMessage(message, CurrentSender, SelfRef));
    }

    /// <summary>Makes a fresh actor instance through the Props factory, bound to this cell.</summary>
    private Actor NewActor()
    {
        Constructing = this;
        try
        {
            var actor = _props.Factory();
            // The Actor constructor clears Constructing: if it is still set, the factory made no new instance.
            if (actor is null || !ReferenceEquals(actor.Cell, this) || ReferenceEquals(Constructing, this))
            {
                throw new InvalidOperationException(
                    $"the Props factory for {_props.ActorType.Name} must return a new instance on every call");
            }
            return actor;
        }
        finally
        {
            Constructing = null;
        }
    }

    /// <summary>First turn: construct the actor and run PreStart. Failures are ActorInitializationException (default: stop).</summary>
    private void CreateInstance()
    {
        _state = CellState.Running;
        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{this}: creating {_props.ActorType.Name} failed: {e.Message}", e), null);
        }
    }

    /// <summary>Creates the instance at once, outside any dispatcher (the guardians, at system start).</summary>
    internal void CreateSynchronously()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            CreateInstance();
        }
        finally
        {
            t_current = previous;
        }
    }
}
