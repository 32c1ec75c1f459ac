using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// Requester -> <see cref="Disk"/>: read <paramref name="Bytes"/> bytes (whole blocks) starting at
/// block <paramref name="Block"/>. Answered by one <see cref="DiskInterrupt"/> to the sender: at once
/// for a request that fails its checks, after the modelled latency otherwise.
/// </summary>
/// <param name="RequestId">The requester's id for the request, echoed in the interrupt.</param>
/// <param name="Block">The first block (Mach's recnum).</param>
/// <param name="Bytes">How many bytes; a positive multiple of the block size.</param>
public sealed record DiskRead(long RequestId, long Block, int Bytes);

/// <summary>
/// Requester -> <see cref="Disk"/>: write <paramref name="Data"/> (whole blocks) starting at block
/// <paramref name="Block"/>. The disk copies the data when the request arrives. Answered like <see cref="DiskRead"/>.
/// </summary>
/// <param name="RequestId">The requester's id for the request, echoed in the interrupt.</param>
/// <param name="Block">The first block (Mach's recnum).</param>
/// <param name="Data">The bytes; their length must be a positive multiple of the block size.</param>
public sealed record DiskWrite(long RequestId, long Block, ReadOnlyMemory<byte> Data);

/// <summary>
/// Disk -> requester: the completion interrupt of one request. It is the only thing a disk ever sends
/// about a request; the kernel's device layer turns it into the reply.
/// </summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Operation">Read or write.</param>
/// <param name="Status">Success or the failure's code.</param>
/// <param name="Block">The request's first block.</param>
/// <param name="Bytes">Bytes transferred (0 on failure).</param>
/// <param name="Data">For a successful read, a fresh copy of the blocks read; empty otherwise.</param>
public sealed record DiskInterrupt(long RequestId, IoOperation Operation, IoStatus Status, long Block, int Bytes, ReadOnlyMemory<byte> Data);

/// <summary>Anyone -> <see cref="Disk"/>: reply with <see cref="DiskStats"/>.</summary>
public sealed record GetDiskStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetDiskStats Instance = new();
}

/// <summary>A disk's statistics since it was created.</summary>
/// <param name="Requests">Requests accepted into the queue.</param>
/// <param name="Rejected">Requests refused at once (range, size, read-only).</param>
/// <param name="Reads">Reads completed (successfully or with an I/O error).</param>
/// <param name="Writes">Writes completed (successfully or with an I/O error).</param>
/// <param name="BlocksRead">Blocks read successfully.</param>
/// <param name="BlocksWritten">Blocks written successfully.</param>
/// <param name="IoErrors">Requests the backing store failed.</param>
/// <param name="Seeks">Requests that moved the head.</param>
/// <param name="TracksMoved">Tracks the head crossed in all.</param>
/// <param name="Busy">Virtual time spent serving requests.</param>
/// <param name="Queued">Requests waiting now (the one being served not counted).</param>
/// <param name="MaxQueued">The most requests ever waiting at once.</param>
/// <param name="HeadTrack">The track the head is on.</param>
public sealed record DiskStats(
    long Requests, long Rejected, long Reads, long Writes, long BlocksRead, long BlocksWritten, long IoErrors,
    long Seeks, long TracksMoved, Duration Busy, int Queued, int MaxQueued, long HeadTrack);
