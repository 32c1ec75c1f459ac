using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>
/// What an actor can see and do from inside its handlers. Every member must be used from the actor's
/// own handlers or lifecycle hooks (the ones that change state throw <see cref="InvalidOperationException"/>
/// when called from elsewhere).
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's ref.</summary>
    IActorRef Self { get; }

    /// <summary>Sender of the message being handled (the dead-letters ref when nobody).</summary>
    IActorRef Sender { get; }

    /// <summary>The supervising parent (the guardian for top-level actors).</summary>
    IActorRef Parent { get; }

    /// <summary>The running children (a snapshot).</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>The actor system.</summary>
    ActorSystem System { get; }

    /// <summary>The current virtual time. Constant within one handler.</summary>
    VirtualTime Now { get; }

    /// <summary>Keyed single and periodic timers in virtual time; all are cancelled when the actor stops or restarts.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>
    /// Creates a child. It exists (and can be told) at once; it is constructed and runs PreStart in its
    /// own first turn.
    /// </summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A name unique among the siblings, or null for a generated "$n" name.</param>
    /// <exception cref="InvalidActorNameException">The name is empty, contains '/', starts with '$', or is taken.</exception>
    IActorRef Spawn(Props props, string? name = null);

    /// <summary>Stops this actor or one of its children (after the message being handled). Stopping anything else throws.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once <paramref name="actor"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>Stops watching; a <see cref="Terminated"/> already queued for it is dropped.</summary>
    IActorRef Unwatch(IActorRef actor);

    /// <summary>Replaces the current behaviour with <paramref name="behavior"/>.</summary>
    void Become(Receive behavior);

    /// <summary>Pushes <paramref name="behavior"/> on the behaviour stack.</summary>
    void BecomeStacked(Receive behavior);

    /// <summary>Pops the behaviour stack (back to OnReceive at the bottom).</summary>
    void Unbecome();

    /// <summary>Sets the current message aside until <see cref="UnstashAll"/>.</summary>
    void Stash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>A nondeterministic boolean chosen (and recorded) by the scheduling strategy.</summary>
    bool ChooseBool();

    /// <summary>A nondeterministic value in [0, <paramref name="maxExclusive"/>) chosen (and recorded) by the scheduling strategy.</summary>
    int ChooseInt(int maxExclusive);

    /// <summary>
    /// Tells the specification monitors watching this run about <paramref name="specificationEvent"/>
    /// (Coyote's <c>Monitor&lt;T&gt;(e)</c>): it is recorded as a <see cref="Tracing.TraceKind.Notify"/>
    /// trace event and nothing else happens. Not a scheduling point, no message, no cost without a trace sink.
    /// </summary>
    void Notify(object specificationEvent);
}
