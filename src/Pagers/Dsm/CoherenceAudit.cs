namespace MachActors.Pagers.Dsm;

/// <summary>
/// An independent check of the <see cref="DsmPager"/>'s promise, from the calls it makes rather than from
/// its directory: per page, which nodes may hold a copy and whether it is writable, as the kernels were
/// told. A copy is granted by a supply (writable or not) or a grant; it is taken away only when the kernel
/// confirms: the lock_completed of a revocation (flush: gone; downgrade: read-only), a data_return leaving
/// no kernel copy, or the node's terminate. A grant of write while another node may hold any copy, or of
/// a read-only copy while another may hold a writable one, is a violation of read-many / write-one.
/// Plain class; the pager feeds it (nodes are memory object keys; messages name them by
/// <see cref="DsmPager.NodeOf"/>) and reports what it found.
/// </summary>
public sealed class CoherenceAudit
{
    private readonly Dictionary<(long Segment, long Offset), Dictionary<long, bool>> _copies = [];
    private readonly Dictionary<(long Node, long Segment, long Offset), Queue<bool>> _revocations = [];

    /// <summary>Violations seen.</summary>
    public long Violations { get; private set; }

    /// <summary>The first violation, described, or null.</summary>
    public string? First { get; private set; }

    /// <summary>The most nodes that held a writable copy of one page at once (at most 1 when coherent).</summary>
    public int MostWriters { get; private set; }

    /// <summary>The pager gives <paramref name="node"/> a copy of the page (<paramref name="writable"/> or read-only).</summary>
    public void Granted(long node, long segment, long offset, bool writable)
    {
        var copies = Copies(segment, offset);
        var others = copies.Where(c => c.Key != node).ToList();
        if (writable ? others.Count > 0 : others.Any(c => c.Value))
        {
            Violations++;
            First ??= $"node {DsmPager.NodeOf(node)} was given a {(writable ? "writable" : "read-only")} copy of segment {segment} page at {offset} while node(s) {string.Join(", ", others.Select(o => DsmPager.NodeOf(o.Key) + (o.Value ? " (writable)" : "")))} may still hold one";
        }
        copies[node] = writable || copies.GetValueOrDefault(node);
        MostWriters = Math.Max(MostWriters, copies.Count(c => c.Value));
    }

    /// <summary>The pager sent a revocation of the node's copy (<paramref name="flush"/>: invalidate, else downgrade); it takes effect at its completion.</summary>
    public void Revoking(long node, long segment, long offset, bool flush)
    {
        if (!_revocations.TryGetValue((node, segment, offset), out var queue)) _revocations[(node, segment, offset)] = queue = new Queue<bool>();
        queue.Enqueue(flush);
    }

    /// <summary>lock_completed of the node's oldest revocation of the page.</summary>
    public void Completed(long node, long segment, long offset)
    {
        if (!_revocations.TryGetValue((node, segment, offset), out var queue) || !queue.TryDequeue(out var flush)) return;
        var copies = Copies(segment, offset);
        if (flush) copies.Remove(node);
        else if (copies.ContainsKey(node)) copies[node] = false;
    }

    /// <summary>A data_return that left the kernel no copy: the node no longer holds the page.</summary>
    public void Dropped(long node, long segment, long offset) => Copies(segment, offset).Remove(node);

    /// <summary>The node's incarnation terminated: it holds nothing and its revocations will not complete.</summary>
    public void Gone(long node)
    {
        foreach (var copies in _copies.Values) copies.Remove(node);
        foreach (var key in _revocations.Keys.Where(k => k.Node == node).ToList()) _revocations.Remove(key);
    }

    private Dictionary<long, bool> Copies(long segment, long offset)
    {
        if (!_copies.TryGetValue((segment, offset), out var copies)) _copies[(segment, offset)] = copies = [];
        return copies;
    }
}
