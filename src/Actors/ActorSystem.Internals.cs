using MachActors.Actors.Event;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;

namespace MachActors.Actors;

/// <summary>Runtime services the cells and dispatchers share: clock, timers, dead letters, failures, tracing.</summary>
public sealed partial class ActorSystem
{
    /// <summary>Moves the clock forward to <paramref name="instant"/> (never back). Called by the dispatcher only.</summary>
    internal void AdvanceClockTo(long instant)
    {
        var now = Volatile.Read(ref _now);
        if (instant <= now) return;
        Volatile.Write(ref _now, instant);
        if (Tracer is { } t) t.OnEvent(new TraceEvent(TraceKind.Clock, Now, Dispatcher.DecisionCount, 0, instant - now, null, null));
    }

    /// <summary>Fires every live timer due at or before <paramref name="instant"/>, in (due, scheduling) order.</summary>
    internal void FireTimersDueAt(long instant)
    {
        while (TimerQueue.TryDequeueDue(instant, out var entry)) Fire(entry);
    }

    /// <summary>Fires the earliest live timer if it is due at or before <paramref name="instant"/>.</summary>
    internal void FireNextTimer(long instant)
    {
        if (TimerQueue.TryDequeueDue(instant, out var entry)) Fire(entry);
    }

    private void Fire(TimerEntry entry)
    {
        if (Tracer is { } t)
        {
            t.OnEvent(new TraceEvent(TraceKind.Timer, Now, Dispatcher.DecisionCount, entry.Target.Id.Value, 0, entry.Message,
                entry.Key?.ToString()));
        }
        if (entry.Period > 0)
        {
            entry.Due += entry.Period;
            TimerQueue.Add(entry);
        }
        if (entry.Owner is { } owner) Dispatcher.Post(owner, new TimerFired(entry), DeadLetters);
        else entry.Target.Tell(entry.Message, entry.Sender);
    }

    /// <summary>
    /// Counts <paramref name="message"/> as a dead letter and publishes it (a dead letter about a dead
    /// letter is only counted, so a dead subscriber cannot loop).
    /// </summary>
    internal void DeadLetter(object message, IActorRef sender, IActorRef recipient)
    {
        Interlocked.Increment(ref _deadLetterCount);
        if (Tracer is { } t)
        {
            t.OnEvent(new TraceEvent(TraceKind.DeadLetter, Now, Dispatcher.DecisionCount, recipient.Id.Value, sender.Id.Value, message, null));
        }
        if (message is not Event.DeadLetter && EventStream.HasSubscribers) EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    /// <summary>Records a failure of <paramref name="cell"/> (every failure, whatever its supervisor decides).</summary>
    internal void ReportFailure(ActorCell cell, Exception cause, object? message)
    {
        Interlocked.Increment(ref _failureCount);
        if (Tracer is { } t)
        {
            t.OnEvent(new TraceEvent(TraceKind.Fault, Now, Dispatcher.DecisionCount, cell.Id, 0, message,
                cause.GetType().Name + ": " + cause.Message));
        }
        if (EventStream.HasSubscribers) EventStream.Publish(new ActorFailed(cell.SelfRef, cause, message));
    }

    /// <summary>A failure escalated past the guardian.</summary>
    internal void ReportUnhandledFailure(ActorCell origin, Exception cause)
    {
        var failure = new UnhandledFailure(origin.SelfRef, cause);
        lock (_unhandledFailures) _unhandledFailures.Add(failure);
        if (EventStream.HasSubscribers) EventStream.Publish(failure);
    }

    internal void OnSpawned(ActorCell child)
    {
        if (Tracer is { } t)
        {
            t.OnEvent(new TraceEvent(TraceKind.Spawn, Now, Dispatcher.DecisionCount, child.Id, child.ParentCell?.Id ?? 0, child.ActorType, child.Name));
        }
        Dispatcher.Activate(child);
    }

    internal void OnTerminated(ActorCell cell)
    {
        if (EventStream.HasSubscribers) EventStream.Unsubscribe(cell.SelfRef);
        if (Tracer is { } t) t.OnEvent(new TraceEvent(TraceKind.Stop, Now, Dispatcher.DecisionCount, cell.Id, 0, null, null));
        Dispatcher.Detach(cell);
    }

    internal void TraceSend(ITraceSink tracer, int target, object message) =>
        tracer.OnEvent(new TraceEvent(TraceKind.Send, Now, Dispatcher.DecisionCount, ActorCell.Current?.Id ?? 0, target, message, null));

    internal void TraceDeliver(ITraceSink tracer, ActorCell cell, IActorRef sender, object message) =>
        tracer.OnEvent(new TraceEvent(TraceKind.Deliver, Now, Dispatcher.DecisionCount, cell.Id, sender.Id.Value, message, null));

    internal void TraceNotify(ITraceSink tracer, ActorCell cell, object specificationEvent) =>
        tracer.OnEvent(new TraceEvent(TraceKind.Notify, Now, Dispatcher.DecisionCount, cell.Id, 0, specificationEvent, null));

    internal void TraceChoice(ITraceSink tracer, int chooser, int value) =>
        tracer.OnEvent(new TraceEvent(TraceKind.Choice, Now, Dispatcher.DecisionCount, chooser, value, null, null));
}
