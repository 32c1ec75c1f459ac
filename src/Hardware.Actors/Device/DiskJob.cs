using MachActors.Actors;

namespace MachActors.Hardware.Device;

/// <summary>One accepted disk request, as the <see cref="DiskController"/> queues it.</summary>
/// <param name="RequestId">The requester's id.</param>
/// <param name="Operation">Read or write.</param>
/// <param name="Block">First block.</param>
/// <param name="Blocks">Number of blocks (at least 1).</param>
/// <param name="Data">For a write, the disk's own copy of the data; null for a read.</param>
/// <param name="Requester">Where the completion interrupt goes.</param>
/// <param name="Sequence">Arrival order at the disk, from 1.</param>
public sealed record DiskJob(long RequestId, IoOperation Operation, long Block, long Blocks, byte[]? Data, IActorRef Requester, long Sequence)
{
    /// <summary>The last block.</summary>
    public long LastBlock => Block + Blocks - 1;

    /// <summary>Whether the two requests touch a common block.</summary>
    public bool Overlaps(DiskJob other) => Block <= other.LastBlock && other.Block <= LastBlock;
}
