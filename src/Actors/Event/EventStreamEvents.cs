namespace MachActors.Actors.Event;

/// <summary>
/// A message that reached no actor: its recipient had stopped (or was the dead-letters ref), it was
/// still queued when its recipient stopped, it was stashed when its owner stopped, or it was a
/// reply to an Ask that had already completed. Every such message is counted in
/// <see cref="ActorSystem.DeadLetterCount"/> and published once on the event stream.
/// </summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Who sent it (the dead-letters ref when nobody).</param>
/// <param name="Recipient">Who it was meant for.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>An actor received a message its current behaviour does not handle (it called Unhandled).</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>
/// An actor's handler or lifecycle hook threw. Published for every failure, whatever its supervisor
/// then decides, so that tests and the exploration engine can see each one.
/// </summary>
/// <param name="Actor">The failing actor.</param>
/// <param name="Cause">The exception.</param>
/// <param name="Message">The message being handled, if any.</param>
public sealed record ActorFailed(IActorRef Actor, Exception Cause, object? Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ActorFailed {{ Actor = {Actor}, Cause = {Cause.GetType().Name}: {Cause.Message}, Message = {Message} }}";
}

/// <summary>
/// A failure was escalated past the top-level guardian: nobody supervises it. The guardian stops
/// and with it every user actor.
/// </summary>
/// <param name="Actor">The actor whose failure was escalated to the root.</param>
/// <param name="Cause">The exception.</param>
public sealed record UnhandledFailure(IActorRef Actor, Exception Cause)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"UnhandledFailure {{ Actor = {Actor}, Cause = {Cause.GetType().Name}: {Cause.Message} }}";
}
