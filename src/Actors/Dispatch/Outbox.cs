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
    private ActorCell[] _targets = new ActorCell[8];
    private object[] _messages = new object[8];
    private IActorRef?[] _senders = new IActorRef?[8];
    private Envelope[] _users = new Envelope[8];
    private SystemMessage[] _systems = new SystemMessage[4];
    private readonly List<ActorCell> _activations = [];
    private readonly List<(PromiseActorRef Promise, object Reply, IActorRef? Sender)> _replies = [];
    private int _count;

    /// <summary>The dispatcher whose turns this outbox buffers (a pool thread may run turns of several systems).</summary>
    public ParallelDispatcher Dispatcher => dispatcher;

    /// <summary>True while a handler runs on this thread: its effects are buffered instead of released.</summary>
    public bool Active;

    /// <summary>Buffers a user message (sender non-null) or a system message (sender null).</summary>
    public void Add(ActorCell target, object message, IActorRef? sender)
    {
        if (_count == _targets.Length)
        {
            Array.Resize(ref _targets, _count * 2);
            Array.Resize(ref _messages, _count * 2);
            Array.Resize(ref _senders, _count * 2);
        }
        _targets[_count] = target;
        _messages[_count] = message;
        _senders[_count] = sender;
        _count++;
    }

    /// <summary>Buffers the first-turn scheduling of a child spawned by the handler.</summary>
    public void AddActivation(ActorCell child) => _activations.Add(child);

    /// <summary>Buffers an Ask reply given by the handler.</summary>
    public void AddReply(PromiseActorRef promise, object reply, IActorRef? sender) => _replies.Add((promise, reply, sender));

    /// <summary>Releases everything buffered by the handler that just returned. Called with <see cref="Active"/> false.</summary>
    public void Flush()
    {
        if (_count == 0 && _activations.Count == 0 && _replies.Count == 0) return;
        if (_count > 1 && !SingleTarget())
        {
            lock (dispatcher.FlushLock)
            {
                Volatile.Write(ref dispatcher.MultiFlushInProgress, 1);
                try
                {
                    Release();
                }
                finally
                {
                    Volatile.Write(ref dispatcher.MultiFlushInProgress, 0);
                }
            }
        }
        else if (Volatile.Read(ref dispatcher.MultiFlushInProgress) == 0)
        {
            Release();
        }
        else
        {
            lock (dispatcher.FlushLock) Release();
        }
    }

    private bool SingleTarget()
    {
        var first = _targets[0];
        for (var i = 1; i < _count; i++)
        {
            if (!ReferenceEquals(_targets[i], first)) return false;
        }
        return true;
    }

    /// <summary>Messages grouped per target in first-send order, then activations, then Ask replies.</summary>
    private void Release()
    {
        if (_count == 1)
        {
            if (_senders[0] is { } sender) dispatcher.EnqueueNow(_targets[0], [new Envelope(_messages[0], sender)], []);
            else dispatcher.EnqueueNow(_targets[0], [], [(SystemMessage)_messages[0]]);
        }
        else
        {
            for (var i = 0; i < _count; i++)
            {
                if (_targets[i] is { } target) FlushGroup(target, i);
            }
        }
        Array.Clear(_targets, 0, _count);
        Array.Clear(_messages, 0, _count);
        Array.Clear(_senders, 0, _count);
        _count = 0;
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
    /// Delivers, in order and in one locked step, every buffered item from index
    /// <paramref name="from"/> on that goes to <paramref name="target"/>, and marks them done.
    /// </summary>
    private void FlushGroup(ActorCell target, int from)
    {
        int users = 0, systems = 0;
        for (var i = from; i < _count; i++)
        {
            if (!ReferenceEquals(_targets[i], target)) continue;
            if (_senders[i] is { } sender)
            {
                if (_users.Length == users) Array.Resize(ref _users, users * 2);
                _users[users++] = new Envelope(_messages[i], sender);
            }
            else
            {
                if (_systems.Length == systems) Array.Resize(ref _systems, systems * 2);
                _systems[systems++] = (SystemMessage)_messages[i];
            }
            _targets[i] = null!;
        }
        dispatcher.EnqueueNow(target, _users.AsSpan(0, users), _systems.AsSpan(0, systems));
        Array.Clear(_users, 0, users);
        Array.Clear(_systems, 0, systems);
    }
}
