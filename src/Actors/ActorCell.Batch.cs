using MachActors.Actors.Dispatch;

namespace MachActors.Actors;

/// <summary>
/// Batched processing for the parallel dispatcher: user messages are taken from the mailbox several
/// at a time under one lock, and handled one by one. The batch stops early, its unhandled messages
/// going back to the mailbox front in order, when the actor stops running normally (failure, stop,
/// restart), when a system message is waiting, or when its handler asked the turn to end.
/// </summary>
internal sealed partial class ActorCell
{
    [ThreadStatic] private static TurnBatch? t_batch;

    /// <summary>
    /// Processes up to <paramref name="max"/> units: the creation, or one system message, or a batch
    /// of user messages. Preconditions: the parallel dispatcher's turn of this cell on this thread,
    /// <see cref="Current"/> set, <paramref name="batch"/> from <see cref="BeginTurn"/>. Returns the
    /// number of units processed (0: nothing to do); <paramref name="drained"/> tells that nothing
    /// else was waiting when the work was taken (the turn need not look again).
    /// </summary>
    internal int ProcessBatch(TurnBatch batch, int max, out bool drained)
    {
        if (_state == CellState.Created)
        {
            CreateInstance();
            drained = false;
            return 1;
        }
        batch.Ensure(max);
        SystemMessage? system = null;
        lock (this)
        {
            if (_extras?.SystemQueue is { Count: > 0 } q) system = q.Dequeue();
            else if (_state == CellState.Running && _count > 0) batch.Count = TakeUserMessages(batch.Buffer, Math.Min(max, _count));
            else
            {
                drained = true;
                return 0;
            }
            drained = !HasWorkCore();
        }
        if (system is not null)
        {
            InvokeSystem(system);
            return 1;
        }
        batch.Owner = this;
        batch.Next = 0;
        try
        {
            while (batch.Next < batch.Count)
            {
                InvokeUser(batch.Buffer[batch.Next++]);
                if (_state != CellState.Running || batch.EndTurnRequested || _extras?.SystemQueue is { Count: > 0 })
                {
                    ReturnUnhandledBatch();
                    drained = false;
                    break;
                }
            }
            return batch.Next;
        }
        finally
        {
            Array.Clear(batch.Buffer, 0, batch.Count);
            batch.Owner = null;
        }
    }

    /// <summary>Copies <paramref name="n"/> user messages from the ring's front into <paramref name="buffer"/>. Caller holds the lock.</summary>
    private int TakeUserMessages(Envelope[] buffer, int n)
    {
        var ring = _ring!;
        var mask = ring.Length - 1;
        for (var i = 0; i < n; i++)
        {
            buffer[i] = ring[_head];
            ring[_head] = default;
            _head = (_head + 1) & mask;
        }
        _count -= n;
        return n;
    }

    /// <summary>A parallel turn begins on this thread: its batch state, with no end requested yet.</summary>
    internal static TurnBatch BeginTurn()
    {
        var batch = t_batch ??= new TurnBatch();
        batch.EndTurnRequested = false;
        return batch;
    }

    /// <summary>
    /// The running handler asked its turn to end after it (it sent its own actor a system message,
    /// which must be handled before the rest of the mailbox and is released with the turn).
    /// </summary>
    internal static void RequestTurnEnd() => (t_batch ??= new TurnBatch()).EndTurnRequested = true;

    /// <summary>Puts the messages of this cell's current batch that were not handled back at the mailbox front.</summary>
    private void ReturnUnhandledBatch()
    {
        if (t_batch is not { } batch || !ReferenceEquals(batch.Owner, this) || batch.Next == batch.Count) return;
        PushFront(batch.Buffer.AsSpan(batch.Next, batch.Count - batch.Next));
        Array.Clear(batch.Buffer, batch.Next, batch.Count - batch.Next);
        batch.Count = batch.Next;
    }

    /// <summary>A pool thread's batch buffer, the position in it, and whether the turn must end.</summary>
    internal sealed class TurnBatch
    {
        public Envelope[] Buffer = new Envelope[32];
        public ActorCell? Owner;
        public int Next;
        public int Count;
        public bool EndTurnRequested;

        public void Ensure(int size)
        {
            if (Buffer.Length < size) Buffer = new Envelope[size];
        }
    }
}
