using MachActors.Actors.Scheduling;
using MachActors.Actors.Timing;

namespace MachActors.Actors.Dispatch;

/// <summary>
/// Runs cells on the .NET thread pool: a cell with work is queued once (CAS on its status), runs up
/// to <see cref="_throughput"/> units per turn (user messages taken in batches), and is requeued if
/// work remains. A count of scheduled cells detects quiescence; the host thread inside
/// <see cref="Run"/> then advances the virtual clock to the next timer, so all handlers running at
/// once see the same instant. What a turn sends, spawns and replies goes through a per-thread
/// <see cref="Outbox"/> and is released when the turn ends, which keeps every schedule one the
/// controlled dispatcher could produce.
/// </summary>
internal sealed class ParallelDispatcher : Dispatcher
{
    // Per pool thread, but each belongs to one dispatcher: pool threads are shared by every parallel system in the process.
    [ThreadStatic] private static Outbox? t_outbox;
    [ThreadStatic] private static DeterministicRandom? t_random;
    [ThreadStatic] private static ParallelDispatcher? t_randomOwner;

    private readonly int _throughput;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Lock _driver = new();
    private int _active;
    private readonly Lock _outboxesGate = new();
    private Outbox[] _outboxes = [];
    private Exception? _runtimeFault;

    internal ParallelDispatcher(ActorSystem system, int throughput) : base(system)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(throughput);
        _throughput = throughput;
    }

    /// <summary>Held while a handler's sends to several targets are released (see <see cref="Outbox"/>).</summary>
    internal Lock FlushLock { get; } = new();

    /// <summary>1 while a multi-target flush holds <see cref="FlushLock"/>: single-target flushes then wait for the lock.</summary>
    internal int MultiFlushInProgress;

    internal override long TotalSteps
    {
        get
        {
            long total = 0;
            foreach (var outbox in Volatile.Read(ref _outboxes)) total += Volatile.Read(ref outbox.Processed);
            return total;
        }
    }

    /// <summary>A new per-thread outbox, registered so that its step count is part of <see cref="TotalSteps"/>.</summary>
    private Outbox NewOutbox()
    {
        var outbox = new Outbox(this);
        lock (_outboxesGate) _outboxes = [.. _outboxes, outbox];
        return outbox;
    }

    internal override long DecisionCount => 0;

    internal override void Post(ActorCell target, object message, IActorRef sender)
    {
        if (System.Tracer is { } t) System.TraceSend(t, target.Id, message);
        if (t_outbox is { Active: true } outbox && outbox.Dispatcher == this)
        {
            outbox.Add(target, message, sender);
            return;
        }
        Release(target, [new OutboxItem(target, message, sender)], default, all: true, fromWorker: ActorCell.Current is not null);
    }

    internal override void PostSystem(ActorCell target, SystemMessage message)
    {
        if (System.Tracer is { } t) System.TraceSend(t, target.Id, message);
        if (t_outbox is { Active: true } outbox && outbox.Dispatcher == this)
        {
            outbox.Add(target, message, null);
            // A system message to oneself (PoisonPill, Context.Stop(Self)) must come before the rest
            // of the batch: end the turn after this handler, which releases it.
            if (ReferenceEquals(target, ActorCell.Current)) ActorCell.RequestTurnEnd();
            return;
        }
        Release(target, [new OutboxItem(target, message, null)], default, all: true, fromWorker: ActorCell.Current is not null);
    }

    /// <summary>
    /// Appends <paramref name="items"/> at <paramref name="indices"/> (or all) to the target's queues in
    /// one locked step and schedules it (on this pool thread's local queue when
    /// <paramref name="fromWorker"/>: the target usually runs next here, with warm caches); to a
    /// terminated target user messages become dead letters.
    /// </summary>
    internal void Release(ActorCell target, ReadOnlySpan<OutboxItem> items, ReadOnlySpan<int> indices, bool all, bool fromWorker)
    {
        if (!target.EnqueueItems(items, indices, all))
        {
            var n = all ? items.Length : indices.Length;
            for (var k = 0; k < n; k++)
            {
                ref readonly var item = ref items[all ? k : indices[k]];
                if (item.Sender is { } sender) System.DeadLetter(item.Message, sender, target.SelfRef);
                else target.OnSystemMessageAfterTermination((SystemMessage)item.Message);
            }
            return;
        }
        // A plain read first: a target that is already scheduled needs no interlocked operation. This
        // cannot lose a wakeup: the target's turn sets its status to idle before it re-checks its
        // mailbox under the same lock our enqueue just released, so either it sees our message or we
        // see it idle.
        if (Volatile.Read(ref target.ScheduleStatus) == 0 && Interlocked.CompareExchange(ref target.ScheduleStatus, 1, 0) == 0)
        {
            Interlocked.Increment(ref _active);
            ThreadPool.UnsafeQueueUserWorkItem(target, preferLocal: fromWorker);
        }
    }

    /// <summary>Buffers an Ask reply given inside one of this dispatcher's handlers; false when not inside one.</summary>
    internal bool TryDeferReply(PromiseActorRef promise, object reply, IActorRef? sender)
    {
        if (t_outbox is not { Active: true } outbox || outbox.Dispatcher != this) return false;
        outbox.AddReply(promise, reply, sender);
        return true;
    }

    internal override void Activate(ActorCell cell)
    {
        // Counted and marked scheduled now, so quiescence cannot be seen before its first turn.
        cell.ScheduleStatus = 1;
        Interlocked.Increment(ref _active);
        if (t_outbox is { Active: true } outbox && outbox.Dispatcher == this) outbox.AddActivation(cell);
        else QueueTurn(cell, preferLocal: false);
    }

    internal void QueueTurn(ActorCell cell, bool preferLocal) => ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal);

    internal override void Adopt(ActorCell cell)
    {
        // Cells are reached through their refs only; nothing to register.
    }

    internal override void Detach(ActorCell cell)
    {
        // Nothing is indexed by id here; the cell finishes its turn and goes idle for good.
    }

    internal override bool ChooseBool(ActorCell chooser) => Random().NextBool();

    internal override int ChooseInt(ActorCell chooser, int maxExclusive) => Random().Next(maxExclusive);

    private DeterministicRandom Random()
    {
        if (t_random is null || t_randomOwner != this)
        {
            t_random = new DeterministicRandom(DeterministicRandom.Derive(System.Options.Seed, (ulong)Environment.CurrentManagedThreadId));
            t_randomOwner = this;
        }
        return t_random;
    }

    internal override void Wake() => _wake.Set();

    /// <summary>
    /// One turn of <paramref name="cell"/> on a pool thread: up to the throughput of units (user
    /// messages taken in batches), with everything the handlers send, spawn and reply buffered and
    /// released together when the turn ends. A turn is a run of consecutive handlers of one actor,
    /// which the controlled dispatcher can also produce, so releasing it as one block keeps parallel
    /// schedules serializable (see <see cref="Outbox"/>). Afterwards the cell is requeued if it still
    /// has work, or goes idle, and the last cell to go idle wakes the driver.
    /// </summary>
    internal void RunTurn(ActorCell cell)
    {
        var outbox = t_outbox;
        if (outbox is null || outbox.Dispatcher != this) t_outbox = outbox = NewOutbox();
        var done = 0;
        var drained = false;
        ActorCell.SetCurrent(cell);
        var batch = ActorCell.BeginTurn();
        outbox.Active = true;
        try
        {
            while (done < _throughput && !batch.EndTurnRequested && !drained)
            {
                var n = cell.ProcessBatch(batch, _throughput - done, out drained);
                if (n == 0) break;
                done += n;
            }
        }
        catch (Exception e)
        {
            // A bug in the runtime itself (handler exceptions never get here): keep the first one for Run to rethrow.
            Interlocked.CompareExchange(ref _runtimeFault, e, null);
        }
        finally
        {
            outbox.Active = false;
            ActorCell.SetCurrent(null);
        }
        outbox.Flush();
        // Counted per thread: a shared counter bumped by every turn would bounce between the cores.
        if (done > 0) Volatile.Write(ref outbox.Processed, outbox.Processed + done);
        FinishTurn(cell, drained);
    }

    /// <summary>
    /// Requeues a cell that still has work (it stays scheduled, so no sender queues it twice), or
    /// marks it idle (straight away when the turn found its mailbox drained). Going idle: the status is cleared first and the mailbox checked again under
    /// its lock, so a message enqueued meanwhile is never stranded (either its sender saw the cell
    /// idle and queued it, or this check sees the message).
    /// </summary>
    private void FinishTurn(ActorCell cell, bool drained)
    {
        if (!drained && cell.HasWork())
        {
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: true);
            return;
        }
        Interlocked.Exchange(ref cell.ScheduleStatus, 0);
        if (cell.HasWork() && Interlocked.CompareExchange(ref cell.ScheduleStatus, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);
            return;
        }
        if (Interlocked.Decrement(ref _active) == 0) _wake.Set();
    }

    /// <summary>
    /// The driver: waits (on the host thread) while cells run; at quiescence checks the condition,
    /// then advances the clock to the next timer and fires every timer due then, or stops.
    /// </summary>
    internal override RunResult Run(Func<bool>? until, VirtualTime deadline, long maxSteps)
    {
        if (ActorCell.Current is not null) throw new InvalidOperationException("Run cannot be called from inside an actor");
        lock (_driver)
        {
            var start = TotalSteps;
            while (true)
            {
                if (_runtimeFault is { } fault) throw new InvalidOperationException("the parallel dispatcher failed", fault);
                if (until is not null && until()) return Result(RunOutcome.ConditionMet, start);
                if (TotalSteps - start >= maxSteps) return Result(RunOutcome.StepLimitReached, start);
                _wake.Reset();
                if (Volatile.Read(ref _active) > 0)
                {
                    // Woken by quiescence or by Wake(); the timeout only bounds how late a step limit is noticed.
                    if (until is null || !until()) _wake.Wait(100);
                    continue;
                }
                if (until is not null && until()) return Result(RunOutcome.ConditionMet, start);
                if (AdvanceAtQuiescence(deadline) is { } outcome) return Result(outcome, start);
            }
        }
    }

    private RunResult Result(RunOutcome outcome, long start) => new(outcome, TotalSteps - start, System.Now);
}
