using System.Runtime.InteropServices;
using MachActors.Actors.Dispatch;

namespace MachActors.Actors;

/// <summary>
/// The mailbox: a ring buffer of user envelopes (allocated on the first message, grown by doubling)
/// and a small queue of system messages processed first (kept in <see cref="CellExtras"/>: most actors never get one until they stop). Under the parallel dispatcher every
/// operation runs under the cell's lock; under the controlled one there is a single thread.
/// </summary>
internal sealed partial class ActorCell
{
    private Envelope[]? _ring;
    private int _head;
    private int _count;

    /// <summary>Number of user messages waiting (racy under the parallel dispatcher; for diagnostics).</summary>
    internal int MailboxCount => Volatile.Read(ref _count);

    /// <summary>
    /// Appends a user message. Returns false (and stores nothing) when the cell has terminated: the
    /// caller turns it into a dead letter.
    /// </summary>
    internal bool Enqueue(in Envelope envelope)
    {
        if (!_locked) return EnqueueCore(envelope);
        lock (this) return EnqueueCore(envelope);
    }

    /// <summary>
    /// Parallel dispatcher: appends the buffered <paramref name="items"/> at <paramref name="indices"/>
    /// (or all of them) in one atomic step (no other sender's message lands between them), user
    /// messages to the mailbox and system messages to the system queue. Returns false, storing
    /// nothing, when the cell has terminated.
    /// </summary>
    internal bool EnqueueItems(ReadOnlySpan<OutboxItem> items, ReadOnlySpan<int> indices, bool all)
    {
        var n = all ? items.Length : indices.Length;
        lock (this)
        {
            if (_state == CellState.Terminated) return false;
            var ring = _ring;
            if (ring is null || _count + n > ring.Length) ring = Grow(_count + n);
            var mask = ring.Length - 1;
            for (var k = 0; k < n; k++)
            {
                ref readonly var item = ref items[all ? k : indices[k]];
                if (item.Sender is { } sender)
                {
                    ring[(_head + _count) & mask] = new Envelope(item.Message, sender);
                    _count++;
                }
                else
                {
                    EnqueueSystemCore((SystemMessage)item.Message);
                }
            }
            return true;
        }
    }

    /// <summary>Appends a system message; false when the cell has terminated.</summary>
    internal bool EnqueueSystem(SystemMessage message)
    {
        if (!_locked) return EnqueueSystemCore(message);
        lock (this) return EnqueueSystemCore(message);
    }

    /// <summary>Whether the cell has something it can process now (creation, a system message, or a user message while running).</summary>
    internal bool HasWork()
    {
        if (!_locked) return HasWorkCore();
        lock (this) return HasWorkCore();
    }

    private bool HasWorkCore() =>
        _state == CellState.Created
        || _extras?.SystemQueue is { Count: > 0 }
        || (_state == CellState.Running && _count > 0);

    private bool EnqueueCore(in Envelope envelope)
    {
        if (_state == CellState.Terminated) return false;
        var ring = _ring;
        if (ring is null || _count == ring.Length) ring = Grow(_count + 1);
        ring[(_head + _count) & (ring.Length - 1)] = envelope;
        _count++;
        return true;
    }

    private bool EnqueueSystemCore(SystemMessage message)
    {
        if (_state == CellState.Terminated) return false;
        (Extras.SystemQueue ??= new Queue<SystemMessage>(2)).Enqueue(message);
        return true;
    }

    /// <summary>
    /// Puts envelopes back at the front, keeping their order (UnstashAll and restart). Messages of a
    /// parallel batch not yet handled go back first, so they stay behind the unstashed ones.
    /// </summary>
    private void PushFront(List<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        ReturnUnhandledBatch();
        PushFront(CollectionsMarshal.AsSpan(envelopes));
    }

    private void PushFront(ReadOnlySpan<Envelope> envelopes)
    {
        using var guard = new OptionalLock(_locked ? this : null);
        var ring = _ring;
        if (ring is null || _count + envelopes.Length > ring.Length) ring = Grow(_count + envelopes.Length);
        for (var i = envelopes.Length - 1; i >= 0; i--)
        {
            _head = (_head - 1) & (ring.Length - 1);
            ring[_head] = envelopes[i];
            _count++;
        }
    }

    private Envelope[] Grow(int needed)
    {
        var size = _ring is null ? 4 : _ring.Length * 2;
        while (size < needed) size *= 2;
        var next = new Envelope[size];
        if (_ring is not null)
        {
            for (var i = 0; i < _count; i++) next[i] = _ring[(_head + i) & (_ring.Length - 1)];
        }
        _ring = next;
        _head = 0;
        return next;
    }

    /// <summary>
    /// Whether both a system message and a user message the cell could handle are waiting: the
    /// controlled dispatcher then asks its strategy which goes first.
    /// </summary>
    internal bool HasSystemAndUserWork()
    {
        using var guard = new OptionalLock(_locked ? this : null);
        return _state == CellState.Running && _count > 0 && _extras?.SystemQueue is { Count: > 0 };
    }

    /// <summary>
    /// Takes the next unit of work other than creation: a system message if any (unless
    /// <paramref name="userFirst"/> and a user message can be handled), else a user message if the
    /// cell is running. Returns false when there is none.
    /// </summary>
    private bool TryTake(out SystemMessage? system, out Envelope envelope, bool userFirst)
    {
        using var guard = new OptionalLock(_locked ? this : null);
        if (_extras?.SystemQueue is { Count: > 0 } q && !(userFirst && _state == CellState.Running && _count > 0))
        {
            system = q.Dequeue();
            envelope = default;
            return true;
        }
        system = null;
        if (_state == CellState.Running && _count > 0)
        {
            var ring = _ring!;
            envelope = ring[_head];
            ring[_head] = default;
            _head = (_head + 1) & (ring.Length - 1);
            _count--;
            return true;
        }
        envelope = default;
        return false;
    }

    /// <summary>
    /// Marks the cell terminated and hands back everything still queued, atomically: after this no
    /// message can be enqueued, and none that was enqueued is lost.
    /// </summary>
    private (List<Envelope> User, List<SystemMessage> System) CloseMailbox()
    {
        using var guard = new OptionalLock(_locked ? this : null);
        _state = CellState.Terminated;
        var user = new List<Envelope>(_count);
        for (var i = 0; i < _count; i++) user.Add(_ring![(_head + i) & (_ring.Length - 1)]);
        _ring = null;
        _head = _count = 0;
        var system = _extras?.SystemQueue is { } queue ? new List<SystemMessage>(queue) : [];
        if (_extras is not null) _extras.SystemQueue = null;
        return (user, system);
    }
}
