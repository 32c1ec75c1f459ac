using MachActors.Actors.Timing;

namespace MachActors.Actors.TestKit;

/// <summary>A message a <see cref="TestProbe"/> received: what, from whom, and when (virtual time).</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="At">When it was delivered to the probe.</param>
public sealed record ReceivedMessage(object Message, IActorRef Sender, VirtualTime At);
