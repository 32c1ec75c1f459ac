namespace MachActors.Actors.Dispatch;

/// <summary>
/// The parallel dispatcher's per-thread buffer of what one handler does to the outside world: the
/// messages it sends, the children it spawns, the Ask replies it gives. They are released together
/// when the handler returns, so every handler looks atomic to the rest of the system, as it is under
/// the controlled dispatcher:
/// <list type="bullet">
/// <item>sends to one target are appended to its mailbox in one locked step;</item>
/// <item>sends to several targets are appended, one locked step per target, under the dispatcher's
/// flush lock with <see cref="ParallelDispatcher.MultiFlushInProgress"/> set, so no two
/// multi-target handlers interleave;</item>
/// <item>any other release that finds a multi-target release in progress waits for the flush lock.
/// A handler that consumed one of that release's messages (directly or through others) is sure to
/// see the flag (the cell lock orders the append before the dequeue), so nothing caused by a
/// release can overtake the rest of it.</item>
/// </list>
/// Single-target releases are then points in time and multi-target releases disjoint intervals that
/// nothing causally after them can enter: every mailbox's order is consistent with one serial order
/// of handlers, i.e. with a schedule the controlled dispatcher could produce. Spawned children are
/// activated, and Ask replies completed, after the messages (the host sees a reply only once
/// everything its handler sent is queued).
/// </summary>
internal sealed class Outbox(ParallelDispatcher dispatcher)
{
    private OutboxItem[] _items = new OutboxItem[32];
    private readonly List<ActorCell> _activations = [];
    private readonly List<(PromiseActorRef Promise, object Reply, IActorRef? Sender)> _replies = [];
    private readonly TargetGrouping _grouping = new();
    private int _count;

    /// <summary>The dispatcher whose turns this outbox buffers (a pool thread may run turns of several systems).</summary>
    public ParallelDispatcher Dispatcher => dispatcher;

    /// <summary>True while a turn runs on this thread: its effects are buffered instead of released.</summary>
    public bool Active;

    /// <summary>Units processed by the turns run on this thread (summed into the dispatcher's TotalSteps).</summary>
    public long Processed;

    /// <summary>Buffers a user message (sender non-null) or a system message (sender null).</summary>
    public void Add(ActorCell target, object message, IActorRef? sender)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        _items[_count++] = new OutboxItem(target, message, sender);
    }

    /// <summary>Buffers the first-turn scheduling of a child spawned by the handler.</summary>
    public void AddActivation(ActorCell child) => _activations.Add(child);

    /// <summary>Buffers an Ask reply given by the handler.</summary>
    public void AddReply(PromiseActorRef promise, object reply, IActorRef? sender) => _replies.Add((promise, reply, sender));

    /// <summary>Releases everything buffered by the turn that just ended. Called with <see cref="Active"/> false.</summary>
    public void Flush()
    {
        if (_count == 0 && _activations.Count == 0 && _replies.Count == 0) return;
        var single = SingleTarget();
        if (!single)
        {
            lock (dispatcher.FlushLock)
            {
                Volatile.Write(ref dispatcher.MultiFlushInProgress, 1);
                try
                {
                    Release(single);
                }
                finally
                {
                    Volatile.Write(ref dispatcher.MultiFlushInProgress, 0);
                }
            }
        }
        else if (Volatile.Read(ref dispatcher.MultiFlushInProgress) == 0)
        {
            Release(single);
        }
        else
        {
            lock (dispatcher.FlushLock) Release(single);
        }
    }

    /// <summary>True when every buffered message goes to one target (or there is none).</summary>
    private bool SingleTarget()
    {
        if (_count < 2) return true;
        var first = _items[0].Target;
        for (var i = 1; i < _count; i++)
        {
            if (!ReferenceEquals(_items[i].Target, first)) return false;
        }
        return true;
    }

    /// <summary>Messages grouped per target in first-send order, then activations, then Ask replies.</summary>
    private void Release(bool singleTarget)
    {
        if (_count > 0)
        {
            if (singleTarget) dispatcher.Release(_items[0].Target, _items.AsSpan(0, _count), default, all: true, fromWorker: true);
            else ReleaseGrouped();
            Array.Clear(_items, 0, _count);
            _count = 0;
        }
        if (_activations.Count > 0)
        {
            foreach (var child in _activations) dispatcher.QueueTurn(child, preferLocal: true);
            _activations.Clear();
        }
        if (_replies.Count > 0)
        {
            foreach (var (promise, reply, sender) in _replies) promise.Complete(reply, sender);
            _replies.Clear();
        }
    }

    /// <summary>
    /// Appends each target's messages in one locked step, targets in order of their first message,
    /// each target's messages in send order. Linear: a stable counting sort by target.
    /// </summary>
    private void ReleaseGrouped()
    {
        var items = _items.AsSpan(0, _count);
        var groups = _grouping.Assign(items);
        for (var g = 0; g < groups; g++) dispatcher.Release(_grouping.Target(g), items, _grouping.Members(g), all: false, fromWorker: true);
        _grouping.Clear();
    }

}
