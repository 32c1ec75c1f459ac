using MachActors.Hardware.Device;
using MachActors.Kernel.Device;
using MachActors.Tests.Unit.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Device;

/// <summary>A reply sink that keeps what it is sent; <see cref="Gone"/> makes it refuse (a requester known to be gone).</summary>
internal sealed class RecordingSink : IDeviceReplySink
{
    public List<DeviceReply> Replies { get; } = [];

    public bool Gone { get; set; }

    public bool Send(DeviceReply reply)
    {
        if (Gone) return false;
        Replies.Add(reply);
        return true;
    }
}

/// <summary>A <see cref="DeviceMaster"/> over fake hardware refs with a small disk ("disk0"), a read-only disk ("cdrom") and a console.</summary>
internal sealed class DeviceMasterKit
{
    public static readonly DiskGeometry Geometry = new() { BlockSize = 512, BlockCount = 64, BlocksPerTrack = 8 };

    public DeviceMasterKit(bool exclusiveConsole = false)
    {
        Master = new DeviceMaster((target, request) => Sent.Add((target, request)));
        Master.Register("disk0", DiskDriver, Disk);
        Master.Register("cdrom", new DiskDriver(Geometry, readOnly: true), Cdrom);
        Master.Register("console", ConsoleDriver, Console, exclusiveConsole);
    }

    public FakeRef Disk { get; } = new("disk0", 1);

    public FakeRef Cdrom { get; } = new("cdrom", 2);

    public FakeRef Console { get; } = new("console", 3);

    public DiskDriver DiskDriver { get; } = new(Geometry);

    public ConsoleDriver ConsoleDriver { get; } = new();

    public DeviceMaster Master { get; }

    /// <summary>Hardware requests the master sent, in order.</summary>
    public List<(IActorRef Target, object Request)> Sent { get; } = [];

    public RecordingSink Sink { get; } = new();

    /// <summary>Opens <paramref name="name"/>; asserts success.</summary>
    public DeviceHandle Open(string name, DeviceMode mode = DeviceMode.Read | DeviceMode.Write)
    {
        var reply = Master.Open(DeviceHandle.Master, mode, name);
        Assert.Equal(DeviceReturn.Success, reply.Return);
        return reply.Device!;
    }

    /// <summary>The id of the last hardware request.</summary>
    public long LastRequestId => Sent[^1].Request switch
    {
        DiskRead r => r.RequestId,
        DiskWrite w => w.RequestId,
        ConsoleRead r => r.RequestId,
        ConsoleWrite w => w.RequestId,
        _ => throw new InvalidOperationException("unknown request"),
    };
}
