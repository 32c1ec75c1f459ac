using MachActors.Actors;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Device;

/// <summary>
/// The kernel's device server: hosts the <see cref="DeviceMaster"/>. Device calls arrive from threads
/// (through their CPUs) and from host code; the hardware's completion interrupts arrive here too (this
/// actor is the interrupt-dispatch step of spec section 7: a device never builds a reply itself; its
/// interrupt comes here and becomes the reply). Programs reach it through its ports (DeviceServer.Ports.cs):
/// the master port and one port per opened device, whose MIG demux calls the same
/// <see cref="DeviceMaster"/> methods with a port-backed <see cref="IDeviceReplySink"/>.
/// </summary>
public sealed partial class DeviceServer : KernelObject
{
    private readonly DeviceMaster _master;
    private readonly Dictionary<WaitChannel, CallerReplySink> _parked = new(ReferenceEqualityComparer.Instance);

    /// <summary>A server for <paramref name="devices"/>, registered in order (handle ids from 1).</summary>
    public DeviceServer(IReadOnlyList<DeviceRegistration> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _master = new DeviceMaster((hardware, request) => hardware.Tell(request, Self));
        foreach (var d in devices) _master.Register(d.Name, d.Driver, d.Hardware, d.Exclusive);
    }

    /// <summary>
    /// DeviceOpen, DeviceClose, DeviceGetStatus, DeviceSetStatus: answered at once. DeviceRead,
    /// DeviceWrite: answered at once on a failure found before the I/O; otherwise the caller waits (a
    /// thread blocks) and the completion interrupt becomes the answer. Device*Request: the answer goes
    /// to the request's sink; the caller gets KernReturn.Success at once. GetDeviceStats: DeviceStats.
    /// GetDevicePortStatus: the port's PortStatus (InvalidName when it has none yet). Anything else: D_INVALID_OPERATION, or for a kernel call of another kind its own failure record (CallFailures, InvalidArgument).
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case DeviceOpen open:
                reply.Send(_master.Open(open.Master, open.Mode, open.Name), Self);
                break;
            case DeviceClose close:
                reply.Send(_master.Close(close.Device), Self);
                break;
            case DeviceGetStatus get:
                reply.Send(_master.GetStatus(get.Device, get.Flavor, get.Count), Self);
                break;
            case DeviceSetStatus set:
                reply.Send(_master.SetStatus(set.Device, set.Flavor, set.Status), Self);
                break;
            case DeviceRead read:
                var readSink = Sink(reply, new DeviceReadReply(DeviceReturn.Aborted, ReadOnlyMemory<byte>.Empty, read.Inband));
                Answer(reply, _master.Read(read.Device, read.Mode, read.RecNum, read.BytesWanted, read.Inband, readSink), readSink);
                break;
            case DeviceWrite write:
                var writeSink = Sink(reply, new DeviceWriteReply(DeviceReturn.Aborted, 0, write.Inband));
                Answer(reply, _master.Write(write.Device, write.Mode, write.RecNum, write.Data, write.Inband, writeSink), writeSink);
                break;
            case DeviceOpenRequest open:
                open.ReplyTo.Send(_master.Open(open.Master, open.Mode, open.Name));
                reply.Send(KernReturn.Success, Self);
                break;
            case DeviceReadRequest read:
                if (_master.Read(read.Device, read.Mode, read.RecNum, read.BytesWanted, read.Inband, read.ReplyTo) is { } readNow) read.ReplyTo.Send(readNow);
                reply.Send(KernReturn.Success, Self);
                break;
            case DeviceWriteRequest write:
                if (_master.Write(write.Device, write.Mode, write.RecNum, write.Data, write.Inband, write.ReplyTo) is { } writeNow) write.ReplyTo.Send(writeNow);
                reply.Send(KernReturn.Success, Self);
                break;
            case GetDeviceStats:
                reply.Send(_master.Stats(), Self);
                break;
            case GetDevicePortStatus get:
                AnswerPortStatus(get.Name, reply);
                break;
            default:
                var failed = CallFailures.For(request, KernReturn.InvalidArgument);
                reply.Send(failed is KernReturn ? DeviceReturn.InvalidOperation : failed, Self); // a kernel call of another kind gets its own record
                break;
        }
    }

    /// <summary>
    /// CancelWait (from a processor set): a thread waiting for a device reply was aborted (woken with
    /// the call's aborted reply) or terminated; its reply will be dropped when the I/O completes.
    /// AttachDeviceMaster (at boot): the master port (the first one is kept). Anything else is taken as a hardware interrupt: it completes its request (its reply goes out
    /// through the request's sink) or is counted as stray.
    /// </summary>
    protected override void OnOther(object message)
    {
        switch (message)
        {
            case CancelWait cancel:
                if (_parked.Remove(cancel.Channel, out var sink)) sink.Cancel(cancel.WakeAborted);
                break;
            case AttachDeviceMaster attach:
                _masterPort ??= attach.Port;
                break;
            default:
                _master.OnInterrupt(Sender, message);
                break;
        }
    }

    private CallerReplySink Sink(CallerReply reply, DeviceReply aborted) => new(reply, Self, aborted, channel => _parked.Remove(channel));

    private void Answer(CallerReply reply, DeviceReply? now, CallerReplySink sink)
    {
        if (now is not null) reply.Send(now, Self);
        else if (sink.Park() is { } channel) _parked[channel] = sink;
    }
}
