namespace MachActors.Kernel.Kern;

/// <summary>
/// A Mach run queue: <see cref="SchedConstants.Nrqs"/> FIFO lists, one per priority (lower number =
/// higher priority), the count of queued threads, and the hint <see cref="Low"/> (no nonempty list
/// lies above it), updated lazily as in sched_prim.c. Removal from the middle is O(1): each queued
/// thread keeps its node.
/// </summary>
/// <remarks>INVARIANT: Count = total of the lists; every list above Low is empty.</remarks>
internal sealed class RunQueue
{
    private readonly LinkedList<SchedThread>[] _levels = new LinkedList<SchedThread>[SchedConstants.Nrqs];

    public RunQueue()
    {
        for (var i = 0; i < _levels.Length; i++) _levels[i] = new LinkedList<SchedThread>();
        Low = SchedConstants.Nrqs;
    }

    /// <summary>Queued threads.</summary>
    public int Count { get; private set; }

    /// <summary>The hint: the best (lowest) level that may be nonempty; Nrqs when the queue is empty.</summary>
    public int Low { get; private set; }

    /// <summary>Puts <paramref name="thread"/> at the tail of its priority's list (at the head when <paramref name="atHead"/>).</summary>
    public void Enqueue(SchedThread thread, bool atHead = false)
    {
        if (thread.QueueNode is not null) throw new InvalidOperationException($"thread {thread.Id} is already queued");
        var level = _levels[thread.SchedPriority];
        var node = thread.SpareNode ?? new LinkedListNode<SchedThread>(thread);
        thread.SpareNode = null;
        if (atHead) level.AddFirst(node);
        else level.AddLast(node);
        thread.QueueNode = node;
        thread.Queue = this;
        Count++;
        if (thread.SchedPriority < Low) Low = thread.SchedPriority;
    }

    /// <summary>The best queued thread without removing it (lowest level, oldest first), or null.</summary>
    public SchedThread? Peek()
    {
        if (Count == 0) return null;
        while (_levels[Low].Count == 0) Low++;
        return _levels[Low].First!.Value;
    }

    /// <summary>Removes and returns the best queued thread, or null.</summary>
    public SchedThread? Dequeue()
    {
        var best = Peek();
        if (best is not null) Remove(best);
        return best;
    }

    /// <summary>Removes <paramref name="thread"/>, which must be queued here.</summary>
    public void Remove(SchedThread thread)
    {
        if (!ReferenceEquals(thread.Queue, this) || thread.QueueNode is null)
        {
            throw new InvalidOperationException($"thread {thread.Id} is not on this run queue");
        }
        thread.QueueNode.List!.Remove(thread.QueueNode);
        thread.SpareNode = thread.QueueNode; // a detached node is reused by the next Enqueue
        thread.QueueNode = null;
        thread.Queue = null;
        Count--;
        if (Count == 0) Low = SchedConstants.Nrqs;
    }

    /// <summary>The queued threads, best first (for reports and property checks).</summary>
    public IEnumerable<SchedThread> Threads() => _levels.SelectMany(level => level);
}
