using MachActors.Actors;

namespace MachActors.Kernel.Device;

/// <summary>
/// A reply sink that tells the <see cref="DeviceReply"/> record to an actor (host code, tests, or a
/// kernel actor that wants asynchronous device I/O). A target that is gone turns the reply into a
/// dead letter, which the actor system counts.
/// </summary>
/// <param name="Target">Who gets the reply.</param>
/// <param name="From">The sender the reply carries; null for none.</param>
public sealed record ActorReplySink(IActorRef Target, IActorRef? From = null) : IDeviceReplySink
{
    /// <inheritdoc />
    public bool Send(DeviceReply reply)
    {
        Target.Tell(reply, From);
        return true;
    }
}
