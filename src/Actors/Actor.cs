using MachActors.Actors.Supervision;

namespace MachActors.Actors;

/// <summary>
/// Base class of every actor. Override <see cref="OnReceive"/> with a pattern-matching switch and
/// call <see cref="Unhandled"/> for anything else. Instances are made by the runtime from
/// <see cref="Props"/>; constructing one with <c>new</c> throws.
/// </summary>
/// <example>
/// <code>
/// sealed class Counter : Actor
/// {
///     private int _count;
///     protected override void OnReceive(object message)
///     {
///         switch (message)
///         {
///             case Increment: _count++; break;
///             case GetCount: Sender.Tell(_count, Self); break;
///             default: Unhandled(message); break;
///         }
///     }
/// }
/// </code>
/// </example>
public abstract class Actor
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is creating it.</summary>
    /// <exception cref="ActorInitializationException">Not created by the runtime (Spawn with Props).</exception>
    protected Actor()
    {
        _cell = ActorCell.Constructing ?? throw new ActorInitializationException(
            $"{GetType().Name} cannot be created with 'new'; spawn it with Props.Create<{GetType().Name}>() and Spawn");
        ActorCell.Constructing = null;
    }

    /// <summary>The actor's context: self, sender, children, timers, behaviour, death watch.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's own ref.</summary>
    protected IActorRef Self => _cell.SelfRef;

    /// <summary>The sender of the message being handled (the dead-letters ref when there was none).</summary>
    protected IActorRef Sender => _cell.CurrentSender;

    /// <summary>Handles one message. Runs one message at a time; never concurrently with itself.</summary>
    protected abstract void OnReceive(object message);

    /// <summary>Reports <paramref name="message"/> as unhandled (published on the event stream). An unhandled <see cref="Terminated"/> fails the actor with <see cref="DeathPactException"/>.</summary>
    protected void Unhandled(object message) => _cell.Unhandled(message);

    /// <summary>Runs before the first message (after construction, and after a restart via <see cref="PostRestart"/>).</summary>
    protected virtual void PreStart() { }

    /// <summary>Runs once the actor and all its children have stopped; its messages no longer arrive.</summary>
    protected virtual void PostStop() { }

    /// <summary>Runs on the failed instance before a restart. Default: unwatch and stop every child, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Default: <see cref="Supervision.SupervisorStrategy.Default"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.Default;

    internal ActorCell Cell => _cell;

    internal void InvokeReceive(object message) => OnReceive(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
