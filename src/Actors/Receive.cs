namespace MachActors.Actors;

/// <summary>A behaviour: handles one message (call Context's Unhandled path through Actor.Unhandled for messages it does not know).</summary>
/// <param name="message">The message being delivered.</param>
public delegate void Receive(object message);
