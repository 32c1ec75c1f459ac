using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// The decision logic of a <see cref="Disk"/>, without actors: checks requests, queues them, picks
/// the next one (<see cref="DiskScheduling"/>), moves the head and charges the latency of
/// <see cref="DiskGeometry"/>, and performs the transfer against the <see cref="IBlockStore"/>.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. At most one request is in service; it left the queue when it started.
/// 2. The head moves only when a request starts; it then rests on the track of the request's last block.
/// 3. Every accepted request completes exactly once (<see cref="FinishCurrent"/>), with data for a successful read.
/// </remarks>
public sealed class DiskController
{
    private readonly List<DiskJob> _queue = [];
    private long _sequence;
    private int _direction = 1;
    private long _requests, _rejected, _reads, _writes, _blocksRead, _blocksWritten, _ioErrors, _seeks, _tracksMoved;
    private int _maxQueued;
    private Duration _busy;

    /// <summary>A controller for a disk of <paramref name="geometry"/> over <paramref name="store"/>.</summary>
    public DiskController(DiskGeometry geometry, IBlockStore store, bool readOnly = false, DiskScheduling scheduling = DiskScheduling.Fifo)
    {
        Geometry = geometry ?? throw new ArgumentNullException(nameof(geometry));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        if (store.BlockSize != geometry.BlockSize || store.BlockCount < geometry.BlockCount)
        {
            throw new ArgumentException("the store does not match the geometry", nameof(store));
        }
        ReadOnly = readOnly;
        Scheduling = scheduling;
    }

    /// <summary>The disk's shape and latency model.</summary>
    public DiskGeometry Geometry { get; }

    /// <summary>Where the blocks live.</summary>
    public IBlockStore Store { get; }

    /// <summary>Whether writes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>The queue order.</summary>
    public DiskScheduling Scheduling { get; }

    /// <summary>The track the head is on.</summary>
    public long HeadTrack { get; private set; }

    /// <summary>The request in service, or null when idle.</summary>
    public DiskJob? Current { get; private set; }

    /// <summary>Requests waiting.</summary>
    public int Queued => _queue.Count;

    /// <summary>
    /// Checks a request: a write to a read-only disk is <see cref="IoStatus.ReadOnly"/>; a size that is
    /// not a positive multiple of the block size is <see cref="IoStatus.InvalidSize"/>; a range not
    /// wholly on the disk is <see cref="IoStatus.InvalidRecnum"/>. A refused request is counted.
    /// </summary>
    public IoStatus Check(IoOperation operation, long block, int bytes)
    {
        var status = IoStatus.Success;
        if (operation == IoOperation.Write && ReadOnly) status = IoStatus.ReadOnly;
        else if (bytes <= 0 || bytes % Geometry.BlockSize != 0) status = IoStatus.InvalidSize;
        else if (block < 0 || block >= Geometry.BlockCount || bytes / Geometry.BlockSize > Geometry.BlockCount - block) status = IoStatus.InvalidRecnum;
        if (status != IoStatus.Success) _rejected++;
        return status;
    }

    /// <summary>Queues a request that passed <see cref="Check"/>; returns it. Write data is copied.</summary>
    public DiskJob Enqueue(long requestId, IoOperation operation, long block, int bytes, ReadOnlySpan<byte> data, IActorRef requester)
    {
        var job = new DiskJob(requestId, operation, block, bytes / Geometry.BlockSize,
            operation == IoOperation.Write ? data.ToArray() : null, requester, ++_sequence);
        _queue.Add(job);
        _requests++;
        _maxQueued = Math.Max(_maxQueued, _queue.Count);
        return job;
    }

    /// <summary>
    /// Precondition: idle (<see cref="Current"/> is null). Takes the next request by the scheduling
    /// order, moves the head, and returns it with its service time; null when the queue is empty.
    /// </summary>
    public (DiskJob Job, Duration Service)? StartNext()
    {
        if (Current is not null) throw new InvalidOperationException("the disk is already serving a request");
        if (_queue.Count == 0) return null;
        var index = Scheduling == DiskScheduling.Fifo ? 0 : PickElevator();
        var job = _queue[index];
        _queue.RemoveAt(index);
        var service = Geometry.ServiceTime(HeadTrack, job.Block, job.Blocks);
        var target = Geometry.TrackOf(job.Block);
        if (target != HeadTrack)
        {
            _seeks++;
            _tracksMoved += Math.Abs(target - HeadTrack);
        }
        HeadTrack = Geometry.TrackOf(job.LastBlock);
        _busy += service;
        Current = job;
        return (job, service);
    }

    /// <summary>
    /// Precondition: a request is in service. Performs its transfer against the store and returns its
    /// completion interrupt and requester; the disk is idle afterwards.
    /// </summary>
    public (DiskInterrupt Interrupt, IActorRef Requester) FinishCurrent()
    {
        var job = Current ?? throw new InvalidOperationException("no request in service");
        Current = null;
        var bytes = checked((int)(job.Blocks * Geometry.BlockSize));
        DiskInterrupt interrupt;
        if (job.Operation == IoOperation.Read)
        {
            _reads++;
            var buffer = new byte[bytes];
            var status = Store.Read(job.Block, buffer);
            if (status == IoStatus.Success) _blocksRead += job.Blocks;
            else _ioErrors++;
            interrupt = status == IoStatus.Success
                ? new DiskInterrupt(job.RequestId, job.Operation, status, job.Block, bytes, buffer)
                : new DiskInterrupt(job.RequestId, job.Operation, status, job.Block, 0, ReadOnlyMemory<byte>.Empty);
        }
        else
        {
            _writes++;
            var status = Store.Write(job.Block, job.Data);
            if (status == IoStatus.Success) _blocksWritten += job.Blocks;
            else _ioErrors++;
            interrupt = new DiskInterrupt(job.RequestId, job.Operation, status, job.Block, status == IoStatus.Success ? bytes : 0, ReadOnlyMemory<byte>.Empty);
        }
        return (interrupt, job.Requester);
    }

    /// <summary>The statistics now.</summary>
    public DiskStats Stats() => new(_requests, _rejected, _reads, _writes, _blocksRead, _blocksWritten, _ioErrors,
        _seeks, _tracksMoved, _busy, _queue.Count, _maxQueued, HeadTrack);

    /// <summary>
    /// LOOK: the nearest eligible track in the current direction (the head's own track included),
    /// arrival order among equals; if there is none, turn round. A request is eligible unless an
    /// earlier queued request overlaps it and one of the two writes.
    /// </summary>
    private int PickElevator()
    {
        for (var turn = 0; turn < 2; turn++)
        {
            var best = -1;
            long bestDistance = long.MaxValue;
            for (var i = 0; i < _queue.Count; i++)
            {
                var track = Geometry.TrackOf(_queue[i].Block);
                var distance = (track - HeadTrack) * _direction;
                if (distance < 0 || distance >= bestDistance || !Eligible(i)) continue;
                best = i;
                bestDistance = distance;
            }
            if (best >= 0) return best;
            _direction = -_direction;
        }
        return 0; // unreachable: the oldest request is always eligible and lies in one direction
    }

    private bool Eligible(int index)
    {
        var job = _queue[index];
        for (var i = 0; i < index; i++)
        {
            var earlier = _queue[i];
            if ((earlier.Operation == IoOperation.Write || job.Operation == IoOperation.Write) && earlier.Overlaps(job)) return false;
        }
        return true;
    }
}
