namespace MachActors.Kernel.Device;

/// <summary>
/// Where the answer to one device request goes when it comes later: the reply right the request
/// carried. The IPC layer implements it with a reply port (the send-once right of a synchronous
/// call, or the reply port of a <c>device_*_request</c>), sending a message with id
/// <see cref="DeviceReply.MsgId"/> whose body is the reply's fields (<c>PortReplySink</c>).
/// <see cref="ActorReplySink"/> (an actor gets the record) and the device server's own sink for
/// calls from threads and host code serve the calls that do not arrive as messages.
/// </summary>
/// <remarks>
/// Contract: <see cref="Send"/> is called at most once per sink, from inside the device server's
/// handler (so it may Tell, but must not block or call back into the device layer).
/// </remarks>
public interface IDeviceReplySink
{
    /// <summary>
    /// Sends <paramref name="reply"/>. Returns false when the sink already knows the requester is gone
    /// (the reply is dropped, and the device layer counts it); a sink that cannot know (a port that may
    /// die in transit) returns true and lets the IPC layer destroy the message.
    /// </summary>
    bool Send(DeviceReply reply);
}
