using MachActors.Actors;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Device;

/// <summary>
/// The reply sink of a device call that arrived as a message on a device port (docs/IPC.md rule 7):
/// the answer becomes a MIG reply message (<see cref="DeviceReply.MsgId"/>: 2900-2911) sent through the
/// request's reply right, a kernel send that never blocks. For a synchronous routine the reply right is
/// the caller's send-once MIG reply port; for a <c>device_*_request</c> it is the reply port the request
/// carried (<see cref="KernelPortRequest.UseAsReply"/>). A reply port that died meanwhile destroys the
/// message at the port (its rights are released), which the sink cannot know, so that counts as sent.
/// </summary>
/// <param name="request">The request, holding the reply right until the answer.</param>
/// <param name="server">The device server (the sender of the kernel send).</param>
/// <param name="build">Builds the reply message for the request (giving rights through it); null: nothing to send.</param>
internal sealed class PortReplySink(KernelPortRequest request, IActorRef server, Func<DeviceReply, KernelPortRequest, MachMessage?> build) : IDeviceReplySink
{
    private bool _done;

    /// <summary>
    /// Sends <paramref name="reply"/> once. Returns false (dropped; the device layer counts a late one) when
    /// the request had no reply right or a reply was already sent; the unused rights are released either way.
    /// </summary>
    public bool Send(DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_done) return false;
        _done = true;
        if (request.ReplyName == PortName.Null)
        {
            request.Abandon(server);
            return false;
        }
        if (build(reply, request) is { } message) request.SendReply(message, server);
        else request.Abandon(server);
        return true;
    }
}
