using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Device;

/// <summary>
/// The reply sink of a synchronous device call made by a thread (through its CPU) or by host code
/// (Ask), until IPC gives such calls a reply port. A thread waits on a channel (<see cref="Park"/>)
/// and is woken with the reply; host code simply gets the reply. A wait cancelled by thread_abort or
/// termination (<see cref="Cancel"/>) drops the later reply (Send returns false).
/// </summary>
internal sealed class CallerReplySink(CallerReply caller, IActorRef server, DeviceReply aborted, Action<WaitChannel> settled) : IDeviceReplySink
{
    private WaitChannel? _channel;
    private bool _done;

    /// <summary>The call waits for its reply: a thread blocks on a new channel (returned); host code just waits (null).</summary>
    public WaitChannel? Park()
    {
        if (!caller.FromThread) return null;
        _channel = new WaitChannel(server, "device io");
        caller.Block(_channel, server);
        return _channel;
    }

    /// <summary>The thread's wait was cancelled; with <paramref name="wakeAborted"/> it is woken with the aborted reply.</summary>
    public void Cancel(bool wakeAborted)
    {
        if (_done) return;
        _done = true;
        if (wakeAborted && _channel is { } channel) caller.Wake(channel, aborted, server);
    }

    /// <inheritdoc />
    public bool Send(DeviceReply reply)
    {
        if (_done) return false;
        _done = true;
        if (_channel is { } channel)
        {
            settled(channel);
            caller.Wake(channel, reply, server);
        }
        else
        {
            caller.Send(reply, server);
        }
        return true;
    }
}
