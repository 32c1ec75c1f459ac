namespace MachActors.Actors.Dispatch;

/// <summary>
/// The parallel dispatcher's per-thread buffer of what one handler sends. A handler's sends are
/// released together when it returns, so every handler looks atomic to the rest of the system, as
/// it is under the controlled dispatcher:
/// <list type="bullet">
/// <item>sends to a single target are appended to its mailbox in one locked step;</item>
/// <item>sends to several targets are appended, one locked step per target, while holding the
/// dispatcher's flush lock, so no two multi-target handlers interleave.</item>
/// </list>
/// Single-target flushes are points in time and multi-target flushes are disjoint intervals. While
/// a multi-target flush is in progress a single-target flush waits for the flush lock, so no handler
/// that has already consumed one of its messages (directly or through others) can get a message to
/// one of its later targets first. Every mailbox's order is then consistent with one serial order of
/// handlers, i.e. with a schedule the controlled dispatcher could produce. Children spawned by the
/// handler are activated last.
/// </summary>
internal sealed class Outbox(ParallelDispatcher dispatcher)
{
    private ActorCell[] _targets = new ActorCell[8];
    private object[] _messages = new object[8];
    private IActorRef?[] _senders = new IActorRef?[8];
    private Envelope[] _users = new Envelope[8];
    private SystemMessage[] _systems = new SystemMessage[4];
    private readonly List<ActorCell> _activations = [];
    private int _count;

    /// <summary>True while a handler runs on this thread: sends are buffered instead of enqueued.</summary>
    public bool Active;

    /// <summary>
    /// The dispatcher whose turn runs on this thread. A pool thread serves the turns of every parallel
    /// system in the process, so each turn sets it before its handlers run.
    /// </summary>
    public ParallelDispatcher Dispatcher
    {
        get => dispatcher;
        set => dispatcher = value;
    }

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

    /// <summary>Releases everything buffered by the handler that just returned. Called with <see cref="Active"/> false.</summary>
    public void Flush()
    {
        if (_count > 0)
        {
            if (SingleTarget()) FlushSingle();
            else FlushMany();
            Array.Clear(_targets, 0, _count);
            Array.Clear(_messages, 0, _count);
            Array.Clear(_senders, 0, _count);
            _count = 0;
        }
        if (_activations.Count > 0)
        {
            foreach (var child in _activations) dispatcher.QueueTurn(child, preferLocal: true);
            _activations.Clear();
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

    private void FlushSingle()
    {
        // The flag is set before the multi-target flush's first append, so a handler that consumed
        // one of those messages sees it set (the cell lock orders the append before the dequeue).
        if (Volatile.Read(ref dispatcher.MultiFlushInProgress) == 0)
        {
            FlushGroup(_targets[0], 0);
            return;
        }
        lock (dispatcher.FlushLock) FlushGroup(_targets[0], 0);
    }

    private void FlushMany()
    {
        lock (dispatcher.FlushLock)
        {
            Volatile.Write(ref dispatcher.MultiFlushInProgress, 1);
            try
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_targets[i] is { } target) FlushGroup(target, i);
                }
            }
            finally
            {
                Volatile.Write(ref dispatcher.MultiFlushInProgress, 0);
            }
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
