namespace MachActors.Actors.Dispatch;

/// <summary>A message in a mailbox together with its sender.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender (the dead-letters ref when nobody).</param>
internal readonly record struct Envelope(object Message, IActorRef Sender);
