namespace MachActors.Kernel.Kern;

/// <summary>
/// One task's C-threads mutexes and condition variables (Mesa semantics), as plain state: each call
/// returns what to do (answer now, park the caller, wake a waiter). A mutex has at most one owner;
/// its waiters get it in arrival order; a signalled condition waiter queues for the mutex again.
/// </summary>
/// <remarks>INVARIANT: a mutex's owner is never among its waiters; a waiting thread is queued in exactly one place.</remarks>
internal sealed class Synchronizers
{
    private readonly Dictionary<long, MutexState> _mutexes = [];
    private readonly Dictionary<long, List<(Waiter Waiter, long Mutex)>> _conditions = [];
    private long _nextMutex;
    private long _nextCondition;

    /// <summary>A blocked (or about to block) caller.</summary>
    public sealed record Waiter(long ThreadId, CallerReply Reply, WaitChannel Channel);

    /// <summary>An effect of a synchronizer call.</summary>
    public abstract record Effect
    {
        /// <summary>Answer the caller now with <paramref name="Result"/>.</summary>
        public sealed record Answer(KernReturn Result) : Effect;

        /// <summary>Park the caller on <paramref name="Waiter"/>'s channel.</summary>
        public sealed record Park(Waiter Waiter) : Effect;

        /// <summary>Wake a parked waiter: its call returns <paramref name="Result"/>.</summary>
        public sealed record Wake(Waiter Waiter, KernReturn Result) : Effect;
    }

    public long AllocateMutex()
    {
        var id = ++_nextMutex;
        _mutexes[id] = new MutexState();
        return id;
    }

    public long AllocateCondition()
    {
        var id = ++_nextCondition;
        _conditions[id] = [];
        return id;
    }

    /// <summary>The owner of a mutex, or null (for checks and reports).</summary>
    public long? OwnerOf(long mutex) => _mutexes.TryGetValue(mutex, out var m) ? m.Owner : null;

    /// <summary>mutex_lock by <paramref name="waiter"/>: granted if free, parked behind the others otherwise.</summary>
    public IReadOnlyList<Effect> Lock(long mutex, Waiter waiter)
    {
        if (!_mutexes.TryGetValue(mutex, out var m)) return [new Effect.Answer(KernReturn.InvalidArgument)];
        if (m.Owner == waiter.ThreadId) return [new Effect.Answer(KernReturn.Failure)];
        if (m.Owner is null)
        {
            m.Owner = waiter.ThreadId;
            return [new Effect.Answer(KernReturn.Success)];
        }
        m.Waiters.Add(waiter);
        return [new Effect.Park(waiter)];
    }

    /// <summary>mutex_try_lock: Success and ownership if free, Failure otherwise.</summary>
    public IReadOnlyList<Effect> TryLock(long mutex, long threadId)
    {
        if (!_mutexes.TryGetValue(mutex, out var m)) return [new Effect.Answer(KernReturn.InvalidArgument)];
        if (m.Owner is not null) return [new Effect.Answer(KernReturn.Failure)];
        m.Owner = threadId;
        return [new Effect.Answer(KernReturn.Success)];
    }

    /// <summary>mutex_unlock by its owner: the longest waiter becomes owner and wakes.</summary>
    public IReadOnlyList<Effect> Unlock(long mutex, long threadId)
    {
        if (!_mutexes.TryGetValue(mutex, out var m)) return [new Effect.Answer(KernReturn.InvalidArgument)];
        if (m.Owner != threadId) return [new Effect.Answer(KernReturn.Failure)];
        var effects = new List<Effect>(2);
        Release(m, effects);
        effects.Add(new Effect.Answer(KernReturn.Success));
        return effects;
    }

    /// <summary>condition_wait: releases the mutex (the caller must own it) and parks the caller on the condition.</summary>
    public IReadOnlyList<Effect> Wait(long condition, long mutex, Waiter waiter)
    {
        if (!_conditions.TryGetValue(condition, out var waiters) || !_mutexes.TryGetValue(mutex, out var m))
        {
            return [new Effect.Answer(KernReturn.InvalidArgument)];
        }
        if (m.Owner != waiter.ThreadId) return [new Effect.Answer(KernReturn.InvalidArgument)];
        var effects = new List<Effect>(2);
        Release(m, effects);
        waiters.Add((waiter, mutex));
        effects.Add(new Effect.Park(waiter));
        return effects;
    }

    /// <summary>condition_signal / broadcast: the longest (or every) waiter queues for its mutex again, and wakes once it owns it.</summary>
    public IReadOnlyList<Effect> Signal(long condition, bool all)
    {
        if (!_conditions.TryGetValue(condition, out var waiters)) return [new Effect.Answer(KernReturn.InvalidArgument)];
        var effects = new List<Effect>();
        var count = all ? waiters.Count : Math.Min(1, waiters.Count);
        for (var i = 0; i < count; i++)
        {
            var (waiter, mutex) = waiters[0];
            waiters.RemoveAt(0);
            var m = _mutexes[mutex];
            if (m.Owner is null)
            {
                m.Owner = waiter.ThreadId;
                effects.Add(new Effect.Wake(waiter, KernReturn.Success));
            }
            else
            {
                m.Waiters.Add(waiter);
            }
        }
        effects.Add(new Effect.Answer(KernReturn.Success));
        return effects;
    }

    /// <summary>Removes the waiter parked on <paramref name="channel"/> (abort, termination); null if it is not parked here (already woken).</summary>
    public Waiter? Cancel(WaitChannel channel)
    {
        foreach (var m in _mutexes.Values)
        {
            var i = m.Waiters.FindIndex(w => ReferenceEquals(w.Channel, channel));
            if (i < 0) continue;
            var waiter = m.Waiters[i];
            m.Waiters.RemoveAt(i);
            return waiter;
        }
        foreach (var waiters in _conditions.Values)
        {
            var i = waiters.FindIndex(w => ReferenceEquals(w.Waiter.Channel, channel));
            if (i < 0) continue;
            var waiter = waiters[i].Waiter;
            waiters.RemoveAt(i);
            return waiter;
        }
        return null;
    }

    /// <summary>The mutex goes to its longest waiter (who wakes), or becomes free.</summary>
    private static void Release(MutexState m, List<Effect> effects)
    {
        if (m.Waiters.Count == 0)
        {
            m.Owner = null;
            return;
        }
        var next = m.Waiters[0];
        m.Waiters.RemoveAt(0);
        m.Owner = next.ThreadId;
        effects.Add(new Effect.Wake(next, KernReturn.Success));
    }

    private sealed class MutexState
    {
        public long? Owner { get; set; }

        public List<Waiter> Waiters { get; } = [];
    }
}
