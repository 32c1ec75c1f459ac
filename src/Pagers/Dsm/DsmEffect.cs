using System.Collections.Immutable;

namespace MachActors.Pagers.Dsm;

/// <summary>What <see cref="DsmDirectory"/> asks its host to send; each names a node (its memory object key) and a page (segment, offset).</summary>
public abstract record DsmEffect(long Node, long Segment, long Offset)
{
    /// <summary>data_supply of the page to the node: <paramref name="Writable"/> with lock value NONE, else write-locked (lock value WRITE).</summary>
    /// <param name="Node">The node (memory object key).</param>
    /// <param name="Segment">The segment.</param>
    /// <param name="Offset">The page's offset.</param>
    /// <param name="Data">The page's bytes.</param>
    /// <param name="Writable">Supply without a lock.</param>
    public sealed record Supply(long Node, long Segment, long Offset, ImmutableArray<byte> Data, bool Writable) : DsmEffect(Node, Segment, Offset);

    /// <summary>lock_request on the node's page with RETURN_DIRTY, lock value WRITE and reply_to the pager: <paramref name="Flush"/> discards the node's copy (invalidate), else the copy stays read-only (downgrade).</summary>
    /// <param name="Node">The node.</param>
    /// <param name="Segment">The segment.</param>
    /// <param name="Offset">The page's offset.</param>
    /// <param name="Flush">Invalidate rather than downgrade.</param>
    public sealed record Revoke(long Node, long Segment, long Offset, bool Flush) : DsmEffect(Node, Segment, Offset);

    /// <summary>lock_request on the node's page lifting the lock (lock value NONE, nothing returned or flushed, no reply): the answer to its data_unlock.</summary>
    /// <param name="Node">The node.</param>
    /// <param name="Segment">The segment.</param>
    /// <param name="Offset">The page's offset.</param>
    public sealed record Grant(long Node, long Segment, long Offset) : DsmEffect(Node, Segment, Offset);

    /// <summary>lock_request on the node's page changing nothing (no reply): wakes the threads of a data_unlock from a node that no longer holds the page, which then fault again.</summary>
    /// <param name="Node">The node.</param>
    /// <param name="Segment">The segment.</param>
    /// <param name="Offset">The page's offset.</param>
    public sealed record Wake(long Node, long Segment, long Offset) : DsmEffect(Node, Segment, Offset);

    /// <summary>The node was just given write: the host starts the page's hold timer and calls <see cref="DsmDirectory.Released"/> when it fires; until then no other node's request takes the page from it (Mirage's time window: without it two writers can take the page from each other forever, each before its own retry writes).</summary>
    /// <param name="Node">The writer.</param>
    /// <param name="Segment">The segment.</param>
    /// <param name="Offset">The page's offset.</param>
    public sealed record Hold(long Node, long Segment, long Offset) : DsmEffect(Node, Segment, Offset);
}
