namespace MachActors.Actors.Tracing;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
public enum TraceKind
{
    /// <summary>A message was sent (enqueued or buffered for its target). Actor = sending actor (0 for host code), Other = target.</summary>
    Send,

    /// <summary>A message was taken from a mailbox and handed to the actor. Actor = receiver, Other = sender.</summary>
    Deliver,

    /// <summary>An actor was created. Actor = child, Other = parent, Message = the actor's class (a <see cref="Type"/>), Text = name.</summary>
    Spawn,

    /// <summary>An actor finished terminating (PostStop ran, watchers notified). Actor = the stopped actor.</summary>
    Stop,

    /// <summary>A timer fired and its message was enqueued. Actor = owner (or target), Text = timer key.</summary>
    Timer,

    /// <summary>A controlled nondeterministic choice (ChooseBool / ChooseInt). Actor = chooser, Other = chosen value.</summary>
    Choice,

    /// <summary>A message could not be delivered. Actor = intended recipient (or -1), Other = sender.</summary>
    DeadLetter,

    /// <summary>An actor's handler or lifecycle hook threw. Actor = failing actor, Text = exception type and message.</summary>
    Fault,

    /// <summary>The virtual clock advanced. Other = nanoseconds advanced.</summary>
    Clock,

    /// <summary>An actor told the specification monitors something (<see cref="IActorContext.Notify"/>). Actor = the notifier, Message = the event.</summary>
    Notify,
}
