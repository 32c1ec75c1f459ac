using MachActors.Actors;

namespace MachActors.Hardware.Device;

/// <summary>
/// A disk drive: serves <see cref="DiskRead"/> and <see cref="DiskWrite"/> one at a time, each
/// completing after the latency of its <see cref="DiskGeometry"/> in virtual time with a
/// <see cref="DiskInterrupt"/> to the requester. It never builds kernel or IPC messages and never
/// throws on bad input: a request that fails its checks is answered at once with the code. The
/// logic is <see cref="DiskController"/>; this actor only keeps its timer. It owns the block store
/// and disposes it when it stops.
/// </summary>
public sealed class Disk : Actor
{
    private const string ServiceTimer = "service";
    private readonly DiskController _controller;
    private long _service;

    /// <summary>A disk named <paramref name="name"/> over <paramref name="store"/>.</summary>
    public Disk(string name, DiskGeometry geometry, IBlockStore store, bool readOnly = false, DiskScheduling scheduling = DiskScheduling.Fifo)
    {
        Name = name;
        _controller = new DiskController(geometry, store, readOnly, scheduling);
    }

    /// <summary>A disk as <paramref name="config"/> describes it, over <paramref name="store"/>.</summary>
    public Disk(DiskConfig config, IBlockStore store)
        : this((config ?? throw new ArgumentNullException(nameof(config))).Name, config.Geometry, store, config.ReadOnly, config.Scheduling) { }

    /// <summary>The device name.</summary>
    public string Name { get; }

    /// <summary>
    /// DiskRead / DiskWrite (any sender, any arguments): a request that fails its checks gets a
    /// DiskInterrupt with the code at once; otherwise it is queued and, when the disk is idle, served.
    /// Service timer: the request in service is done; its DiskInterrupt goes to its requester (a
    /// requester that is gone makes it a dead letter) and the next request starts.
    /// GetDiskStats: replies DiskStats.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case DiskRead read:
                Submit(read.RequestId, IoOperation.Read, read.Block, read.Bytes, ReadOnlySpan<byte>.Empty);
                break;
            case DiskWrite write:
                Submit(write.RequestId, IoOperation.Write, write.Block, write.Data.Length, write.Data.Span);
                break;
            case ServiceDone done when done.Service == _service && _controller.Current is not null:
                var (interrupt, requester) = _controller.FinishCurrent();
                requester.Tell(interrupt, Self);
                StartNext();
                break;
            case ServiceDone:
                break;
            case GetDiskStats:
                Sender.Tell(_controller.Stats(), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Releases the block store (closes an image file).</summary>
    protected override void PostStop() => _controller.Store.Dispose();

    private void Submit(long requestId, IoOperation operation, long block, int bytes, ReadOnlySpan<byte> data)
    {
        var status = _controller.Check(operation, block, bytes);
        if (status != IoStatus.Success)
        {
            Sender.Tell(new DiskInterrupt(requestId, operation, status, block, 0, ReadOnlyMemory<byte>.Empty), Self);
            return;
        }
        _controller.Enqueue(requestId, operation, block, bytes, data, Sender);
        if (_controller.Current is null) StartNext();
    }

    private void StartNext()
    {
        if (_controller.StartNext() is not { } next) return;
        Context.Timers.StartSingleTimer(ServiceTimer, new ServiceDone(++_service), next.Service);
    }

    private sealed record ServiceDone(long Service);
}
