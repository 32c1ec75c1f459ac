using System.Collections.Immutable;

namespace MachActors.Pagers.Dsm;

/// <summary>
/// The decision logic of the <see cref="DsmPager"/> (docs/PAGERS.md, "The DSM pager"): a plain class, state
/// + message -> new state + effects (<see cref="TakeEffects"/>). It keeps every page of every segment
/// coherent between the nodes that map it, read-many / write-one (Li and Hudak's write-invalidate; Young
/// et al.'s network shared-memory server, spec R15), with the pager's own copy of each page:
/// <list type="bullet">
/// <item>read request: a writer elsewhere is downgraded first (lock_request RETURN_DIRTY, lock WRITE, no
/// flush: its modifications come back and its copy stays, read-only), then the page is supplied
/// write-locked and the node becomes a reader (Shared);</item>
/// <item>write request or data_unlock: every other copy is revoked first (lock_request RETURN_DIRTY,
/// flush), then the node gets the page writable (a supply without a lock, or a lock_request lifting the
/// lock on its read-only copy) and becomes the writer (Exclusive);</item>
/// <item>a revocation is complete only at its lock_completed (every data_return it caused came before), so
/// the request that caused it waits, and requests for the page behind it queue, until the last one;</item>
/// <item>a node given write holds the page for a while (<see cref="DsmEffect.Hold"/>, until
/// <see cref="Released"/>): requests of other nodes that would take it away queue meanwhile, so the
/// writer's retried access gets through (without it two writers can steal the page from each other
/// forever: a livelock the vm-dsm-counter exploration found under PCT);</item>
/// <item>data_return stores modified bytes; one that leaves no kernel copy (an eviction or a flush) takes
/// the node off the page; a node whose incarnation terminates holds nothing and owes no completion.</item>
/// </list>
/// Nodes are memory object keys (<see cref="DsmPager.KeyFor"/>); a page is (segment, offset). A page
/// never written reads as zeros and is still supplied (not data_unavailable, which cannot carry a lock).
/// </summary>
/// <param name="pageSize">The page size in bytes.</param>
public class DsmDirectory(int pageSize)
{
    private readonly Dictionary<(long Segment, long Offset), Entry> _pages = [];
    private readonly Dictionary<(long Segment, long Offset), ImmutableArray<byte>> _data = [];
    private readonly List<DsmEffect> _effects = [];
    private readonly ImmutableArray<byte> _zeros = [.. new byte[pageSize > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize))]];

    /// <summary>Whether a request waits for its revocations' lock_completed before it is answered (true). The seeded-bug variant answers at once.</summary>
    protected virtual bool WaitsForRevocations => true;

    /// <summary>The page size in bytes.</summary>
    public int PageSize => pageSize;

    /// <summary>Pages the directory has an entry for.</summary>
    public int Pages => _pages.Count;

    /// <summary>The effects produced since the last call, in order.</summary>
    public IReadOnlyList<DsmEffect> TakeEffects()
    {
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>The pager's copy of a page (zeros when never written).</summary>
    public ImmutableArray<byte> Data(long segment, long offset) => _data.GetValueOrDefault((segment, offset), _zeros);

    /// <summary>The page's state now.</summary>
    public DsmPageView View(long segment, long offset)
    {
        if (!_pages.TryGetValue((segment, offset), out var e)) return new DsmPageView(DsmPageMode.Invalid, [], null, [], 0);
        var mode = e.Writer is not null ? DsmPageMode.Exclusive : e.Readers.Count > 0 ? DsmPageMode.Shared : DsmPageMode.Invalid;
        return new DsmPageView(mode, [.. e.Readers], e.Writer, [.. e.Waiting], e.Queue.Count, e.Held);
    }

    /// <summary>data_request from <paramref name="node"/> (<paramref name="write"/>: write access desired). Answered at once, or after the revocations it needs.</summary>
    public void Request(long node, long segment, long offset, bool write) => Submit(segment, offset, new Op(node, write, Unlock: false));

    /// <summary>data_unlock from <paramref name="node"/>: it holds the page read-only and a thread needs to write. Answered with a grant after the other copies are revoked; from a node that holds no copy (it was revoked meanwhile), with a wake.</summary>
    public void Unlock(long node, long segment, long offset) => Submit(segment, offset, new Op(node, Write: true, Unlock: true));

    /// <summary>data_return from <paramref name="node"/>: modified bytes become the pager's copy; without a kernel copy the node no longer holds the page. No effect.</summary>
    public void Returned(long node, long segment, long offset, ImmutableArray<byte> data, bool dirty, bool kernelCopy)
    {
        if (dirty && data.Length == pageSize) _data[(segment, offset)] = data;
        if (kernelCopy || !_pages.TryGetValue((segment, offset), out var e)) return;
        e.Readers.Remove(node);
        if (e.Writer == node) e.Writer = null;
        Drain(segment, offset, e);
    }

    /// <summary>lock_completed from <paramref name="node"/> for a revocation of the page: when it was the last awaited, the waiting request is answered and the queue goes on. A completion nobody waits for is ignored.</summary>
    public void Completed(long node, long segment, long offset)
    {
        if (!_pages.TryGetValue((segment, offset), out var e) || !e.Waiting.Remove(node) || e.Waiting.Count > 0) return;
        Resume(segment, offset, e);
    }

    /// <summary>The page's hold time is over: requests queued behind the writer's hold go on.</summary>
    public void Released(long segment, long offset)
    {
        if (!_pages.TryGetValue((segment, offset), out var e)) return;
        e.Held = false;
        Drain(segment, offset, e);
    }

    /// <summary>The node's incarnation terminated: it holds no page, owes no completion, and its queued requests are dropped (the kernel ignores answers to a terminated incarnation).</summary>
    public void NodeGone(long node)
    {
        foreach (var ((segment, offset), e) in _pages.ToArray())
        {
            e.Readers.Remove(node);
            if (e.Writer == node) e.Writer = null;
            if (e.Current?.Node == node) e.CurrentCancelled = true;
            if (e.Queue.Any(op => op.Node == node))
            {
                var kept = e.Queue.Where(op => op.Node != node).ToList();
                e.Queue.Clear();
                foreach (var op in kept) e.Queue.Enqueue(op);
            }
            if (e.Waiting.Remove(node) && e.Waiting.Count == 0 && e.Current is not null) Resume(segment, offset, e);
            else Drain(segment, offset, e);
        }
    }

    private void Submit(long segment, long offset, Op op)
    {
        if (!_pages.TryGetValue((segment, offset), out var e)) _pages[(segment, offset)] = e = new Entry();
        e.Queue.Enqueue(op);
        Drain(segment, offset, e);
    }

    /// <summary>Starts <paramref name="op"/>: revokes what it needs (then waits), or answers it at once.</summary>
    private void Start(long segment, long offset, Entry e, Op op)
    {
        if (op.Unlock && e.Writer != op.Node && !e.Readers.Contains(op.Node))
        {
            _effects.Add(new DsmEffect.Wake(op.Node, segment, offset));
            return;
        }
        var revoked = new List<long>();
        if (op.Write)
        {
            foreach (var reader in e.Readers.Where(r => r != op.Node).ToList())
            {
                Revoke(reader, segment, offset, flush: true, revoked);
                e.Readers.Remove(reader);
            }
            if (e.Writer is { } writer && writer != op.Node)
            {
                Revoke(writer, segment, offset, flush: true, revoked);
                e.Writer = null;
            }
        }
        else if (e.Writer is { } writer && writer != op.Node)
        {
            Revoke(writer, segment, offset, flush: false, revoked);
            e.Writer = null;
            e.Readers.Add(writer);
        }
        if (revoked.Count == 0 || !WaitsForRevocations)
        {
            Finish(segment, offset, e, op);
            return;
        }
        e.Current = op;
        e.CurrentCancelled = false;
        e.Waiting.UnionWith(revoked);
    }

    private void Revoke(long node, long segment, long offset, bool flush, List<long> revoked)
    {
        _effects.Add(new DsmEffect.Revoke(node, segment, offset, flush));
        revoked.Add(node);
    }

    /// <summary>Answers <paramref name="op"/>: the node becomes the writer (grant or writable supply) or a reader (read-only supply; a writer asking to read keeps its write).</summary>
    private void Finish(long segment, long offset, Entry e, Op op)
    {
        if (op.Write)
        {
            var fresh = e.Writer != op.Node;
            e.Readers.Clear();
            e.Writer = op.Node;
            _effects.Add(op.Unlock ? new DsmEffect.Grant(op.Node, segment, offset) : new DsmEffect.Supply(op.Node, segment, offset, Data(segment, offset), Writable: true));
            if (fresh || !e.Held)
            {
                e.Held = true;
                _effects.Add(new DsmEffect.Hold(op.Node, segment, offset));
            }
            return;
        }
        var writable = e.Writer == op.Node;
        if (!writable) e.Readers.Add(op.Node);
        _effects.Add(new DsmEffect.Supply(op.Node, segment, offset, Data(segment, offset), writable));
    }

    private void Resume(long segment, long offset, Entry e)
    {
        var op = e.Current!;
        e.Current = null;
        if (!e.CurrentCancelled) Finish(segment, offset, e, op);
        Drain(segment, offset, e);
    }

    /// <summary>Starts queued requests in order while none is in progress and the next does not have to wait for the writer's hold.</summary>
    private void Drain(long segment, long offset, Entry e)
    {
        while (e.Current is null && e.Queue.TryPeek(out var next) && !(e.Held && e.Writer is { } writer && writer != next.Node))
        {
            e.Queue.Dequeue();
            Start(segment, offset, e, next);
        }
    }

    /// <summary>A request or unlock: the node, whether it needs write, whether it is a data_unlock.</summary>
    private sealed record Op(long Node, bool Write, bool Unlock);

    /// <summary>One page's holders and the request in progress.</summary>
    private sealed class Entry
    {
        public SortedSet<long> Readers { get; } = [];

        public long? Writer { get; set; }

        public SortedSet<long> Waiting { get; } = [];

        public Op? Current { get; set; }

        public bool CurrentCancelled { get; set; }

        public bool Held { get; set; }

        public Queue<Op> Queue { get; } = new();
    }
}
