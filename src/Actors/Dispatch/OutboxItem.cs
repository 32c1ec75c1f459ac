namespace MachActors.Actors.Dispatch;

/// <summary>One buffered send: a user message (with its sender) or a system message (no sender).</summary>
/// <param name="Target">The receiving cell.</param>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender of a user message; null marks a system message.</param>
internal readonly record struct OutboxItem(ActorCell Target, object Message, IActorRef? Sender);
