using MachActors.Actors;

namespace MachActors.Kernel.Device;

/// <summary>
/// The kernel's device layer without actors or IPC (GNU Mach's device/ds_routines.c): the master's
/// name table, open counts, and the asynchronous I/O pattern of spec section 7. Each I/O call either
/// answers at once (the reply is returned: a bad handle, a bad size) or queues the request, holding
/// its <see cref="IDeviceReplySink"/>, sends the hardware request, and returns null: MIG_NO_REPLY,
/// "the answer comes later". The hardware's completion interrupt (<see cref="OnInterrupt"/>) then
/// becomes the reply through that sink. Hosted by <see cref="DeviceServer"/>; the IPC layer's
/// device-port demux calls the same methods.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. A device's open count is the number of successful opens minus closes; its driver's open routine
///    runs on the first open, its close on the last close.
/// 2. Every queued request gets exactly one reply through its sink, when its interrupt arrives, even if
///    the device was closed meanwhile; Outstanding = Queued - Completed.
/// 3. Request ids are unique; an interrupt is matched only to an outstanding request of the device
///    whose hardware sent it.
/// </remarks>
/// <param name="sendToHardware">Sends a hardware request to a device actor (the host sends it with itself as the sender, so interrupts come back to it).</param>
public sealed class DeviceMaster(Action<IActorRef, object> sendToHardware)
{
    /// <summary>Most bytes an inband read or write carries (<c>io_buf_ptr_inband_t</c>).</summary>
    public const int InbandMax = 128;

    /// <summary>Longest device name (<c>dev_name_t</c> less its terminator).</summary>
    public const int NameMax = 127;

    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly List<Entry> _byId = [];
    private readonly Dictionary<long, Pending> _pending = [];
    private long _nextRequest, _opens, _closes, _queued, _completed, _dropped, _stray;

    /// <summary>
    /// Adds a device (host code, at boot): <paramref name="hardware"/> is its actor. An
    /// <paramref name="exclusive"/> device refuses a second open with <see cref="DeviceReturn.AlreadyOpen"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or taken.</exception>
    public DeviceHandle Register(string name, IDeviceDriver driver, IActorRef hardware, bool exclusive = false)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(hardware);
        if (string.IsNullOrEmpty(name) || name.Length > NameMax || _byName.ContainsKey(name))
        {
            throw new ArgumentException($"device name '{name}' is empty, longer than {NameMax} characters or taken", nameof(name));
        }
        var entry = new Entry(new DeviceHandle(_byId.Count + 1, name), driver, hardware, exclusive);
        _byId.Add(entry);
        _byName.Add(name, entry);
        return entry.Handle;
    }

    /// <summary>The open count of device <paramref name="name"/> (0 when unknown).</summary>
    public int OpenCount(string name) => _byName.TryGetValue(name, out var e) ? e.OpenCount : 0;

    /// <summary>
    /// device_open. Preconditions: none (every argument is checked). A target other than the master is
    /// D_INVALID_OPERATION; an unknown name D_NO_SUCH_DEVICE; a second open of an exclusive device
    /// D_ALREADY_OPEN; the driver may refuse the mode (D_READ_ONLY). Effects: the open count rises;
    /// the first open runs the driver's open. Replies: at once.
    /// </summary>
    public DeviceOpenReply Open(DeviceHandle master, DeviceMode mode, string name)
    {
        if (master is not { IsMaster: true }) return new DeviceOpenReply(DeviceReturn.InvalidOperation, null);
        if (name is null || name.Length > NameMax || !_byName.TryGetValue(name, out var entry)) return new DeviceOpenReply(DeviceReturn.NoSuchDevice, null);
        if (entry.Exclusive && entry.OpenCount > 0) return new DeviceOpenReply(DeviceReturn.AlreadyOpen, null);
        var result = entry.Driver.Open(mode, entry.OpenCount);
        if (result != DeviceReturn.Success) return new DeviceOpenReply(result, null);
        entry.OpenCount++;
        _opens++;
        return new DeviceOpenReply(DeviceReturn.Success, entry.Handle);
    }

    /// <summary>
    /// device_close. The master is D_INVALID_OPERATION; an unknown or unopened device D_NO_SUCH_DEVICE.
    /// Effects: the open count falls; the last close runs the driver's close (outstanding I/O still completes).
    /// </summary>
    public DeviceCloseReply Close(DeviceHandle device)
    {
        var check = Lookup(device, out var entry);
        if (check != DeviceReturn.Success) return new DeviceCloseReply(check);
        entry!.OpenCount--;
        _closes++;
        if (entry.OpenCount == 0) entry.Driver.Close();
        return new DeviceCloseReply(DeviceReturn.Success);
    }

    /// <summary>
    /// device_read / device_read_inband (and their _request forms). Answers at once for a bad target
    /// (D_INVALID_OPERATION for the master, D_NO_SUCH_DEVICE), a negative size or an inband size above
    /// <see cref="InbandMax"/> (D_INVALID_SIZE), or a driver refusal. Otherwise queues the request with
    /// <paramref name="replyTo"/>, sends the hardware request, and returns null (MIG_NO_REPLY).
    /// </summary>
    public DeviceReadReply? Read(DeviceHandle device, DeviceMode mode, long recnum, int bytesWanted, bool inband, IDeviceReplySink replyTo)
    {
        ArgumentNullException.ThrowIfNull(replyTo);
        var check = Lookup(device, out var entry);
        if (check == DeviceReturn.Success && (bytesWanted < 0 || (inband && bytesWanted > InbandMax))) check = DeviceReturn.InvalidSize;
        if (check != DeviceReturn.Success) return new DeviceReadReply(check, ReadOnlyMemory<byte>.Empty, inband);
        var id = _nextRequest + 1;
        check = entry!.Driver.StartRead(id, mode, recnum, bytesWanted, out var request);
        if (check != DeviceReturn.Success || request is null) return new DeviceReadReply(Failed(check), ReadOnlyMemory<byte>.Empty, inband);
        Queue(id, entry, request, new Pending(entry, IsRead: true, inband, replyTo));
        return null;
    }

    /// <summary>
    /// device_write / device_write_inband (and their _request forms). Answers at once for a bad target,
    /// inband data above <see cref="InbandMax"/> (D_INVALID_SIZE) or a driver refusal; otherwise queues
    /// like <see cref="Read"/> and returns null (MIG_NO_REPLY). The data is not copied here; the hardware copies it.
    /// </summary>
    public DeviceWriteReply? Write(DeviceHandle device, DeviceMode mode, long recnum, ReadOnlyMemory<byte> data, bool inband, IDeviceReplySink replyTo)
    {
        ArgumentNullException.ThrowIfNull(replyTo);
        var check = Lookup(device, out var entry);
        if (check == DeviceReturn.Success && inband && data.Length > InbandMax) check = DeviceReturn.InvalidSize;
        if (check != DeviceReturn.Success) return new DeviceWriteReply(check, 0, inband);
        var id = _nextRequest + 1;
        check = entry!.Driver.StartWrite(id, mode, recnum, data, out var request);
        if (check != DeviceReturn.Success || request is null) return new DeviceWriteReply(Failed(check), 0, inband);
        Queue(id, entry, request, new Pending(entry, IsRead: false, inband, replyTo));
        return null;
    }

    /// <summary>device_get_status: a bad target as for <see cref="Close"/>; otherwise the driver's answer. Replies at once.</summary>
    public DeviceGetStatusReply GetStatus(DeviceHandle device, int flavor, int count)
    {
        var check = Lookup(device, out var entry);
        if (check != DeviceReturn.Success) return new DeviceGetStatusReply(check, []);
        check = entry!.Driver.GetStatus(flavor, count, out var status);
        return new DeviceGetStatusReply(check, check == DeviceReturn.Success ? status : []);
    }

    /// <summary>device_set_status: a bad target as for <see cref="Close"/>; otherwise the driver's answer. Replies at once.</summary>
    public DeviceSetStatusReply SetStatus(DeviceHandle device, int flavor, IReadOnlyList<int> status)
    {
        var check = Lookup(device, out var entry);
        return new DeviceSetStatusReply(check != DeviceReturn.Success ? check : entry!.Driver.SetStatus(flavor, status ?? []));
    }

    /// <summary>
    /// A completion interrupt from the hardware actor <paramref name="from"/>: the outstanding request it
    /// completes is answered through its sink (the io-done step of spec section 7). Returns false, and
    /// counts a stray interrupt, when it matches no outstanding request of that device.
    /// </summary>
    public bool OnInterrupt(IActorRef from, object interrupt)
    {
        var entry = _byId.Find(e => e.Hardware.Equals(from));
        if (entry?.Driver.Interpret(interrupt) is not { } done || !_pending.TryGetValue(done.RequestId, out var pending) || pending.Device != entry)
        {
            _stray++;
            return false;
        }
        _pending.Remove(done.RequestId);
        _completed++;
        DeviceReply reply = pending.IsRead
            ? new DeviceReadReply(done.Return, done.Return == DeviceReturn.Success ? done.Data : ReadOnlyMemory<byte>.Empty, pending.Inband)
            : new DeviceWriteReply(done.Return, done.Return == DeviceReturn.Success ? done.Bytes : 0, pending.Inband);
        if (!pending.ReplyTo.Send(reply)) _dropped++;
        return true;
    }

    /// <summary>The accounting now.</summary>
    public DeviceStats Stats() => new(_opens, _closes, _queued, _completed, _pending.Count, _dropped, _stray);

    private static DeviceReturn Failed(DeviceReturn code) => code == DeviceReturn.Success ? DeviceReturn.InvalidOperation : code;

    private void Queue(long id, Entry entry, object request, Pending pending)
    {
        _nextRequest = id;
        _pending.Add(id, pending);
        _queued++;
        sendToHardware(entry.Hardware, request);
    }

    /// <summary>The open device <paramref name="device"/> names: the master is D_INVALID_OPERATION; unknown, forged or closed D_NO_SUCH_DEVICE.</summary>
    private DeviceReturn Lookup(DeviceHandle device, out Entry? entry)
    {
        entry = null;
        if (device is null) return DeviceReturn.NoSuchDevice;
        if (device.IsMaster) return DeviceReturn.InvalidOperation;
        if (device.Id < 1 || device.Id > _byId.Count || _byId[device.Id - 1].Handle != device) return DeviceReturn.NoSuchDevice;
        entry = _byId[device.Id - 1];
        return entry.OpenCount > 0 ? DeviceReturn.Success : DeviceReturn.NoSuchDevice;
    }

    private sealed class Entry(DeviceHandle handle, IDeviceDriver driver, IActorRef hardware, bool exclusive)
    {
        public DeviceHandle Handle { get; } = handle;

        public IDeviceDriver Driver { get; } = driver;

        public IActorRef Hardware { get; } = hardware;

        public bool Exclusive { get; } = exclusive;

        public int OpenCount { get; set; }
    }

    private sealed record Pending(Entry Device, bool IsRead, bool Inband, IDeviceReplySink ReplyTo);
}
