using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The scheduling logic of one processor set (kern/sched_prim.c): its threads' records, the global
/// run queue, each CPU's local run queue, the idle CPUs, and the decisions — dispatch, thread_setrun,
/// quantum expiry, preemption, handoff. Plain state: every event comes in as a method call and every
/// outside effect goes out through <see cref="ISchedulerEffects"/>. Split by concern: this file holds
/// dispatching; .Calls the thread calls; .Usage priorities, aging and quanta.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. A CPU of the set is either running one thread (<see cref="CpuSlot.Running"/>) or idle, and
///    idle CPUs are exactly those in <see cref="_idle"/>.
/// 2. Every runnable thread not on a CPU is on the global queue, or on its bound CPU's local queue.
/// 3. An idle CPU exists only while both queues it could take from are empty.
/// </remarks>
internal sealed partial class ProcessorSetScheduler
{
    private readonly Dictionary<long, SchedThread> _threads = [];
    private readonly SortedDictionary<int, CpuSlot> _cpus = [];
    private CpuSlot[] _slots = []; // _cpus' values in CPU order, for loops that must not allocate
    private readonly List<int> _idle = [];
    private readonly RunQueue _global = new();
    private readonly ISchedulerEffects _effects;
    private readonly Func<VirtualTime> _now;
    private readonly MachineConfig _config;
    private readonly SchedulerOptions _options;
    private readonly List<PendingAck> _acks = [];
    private readonly Dictionary<int, IActorRef> _earlyReleases = [];

    public ProcessorSetScheduler(int setId, MachineConfig config, SchedulerOptions options, ISchedulerEffects effects, Func<VirtualTime> now)
    {
        SetId = setId;
        _config = config;
        _options = options;
        _effects = effects;
        _now = now;
        MaxPriority = options.MaxPriority;
    }

    public int SetId { get; }

    /// <summary>The best priority a thread of this set may have.</summary>
    public int MaxPriority { get; private set; }

    /// <summary>Threads of the set (not ended).</summary>
    public int ThreadCount => _threads.Count;

    /// <summary>CPUs of the set.</summary>
    public IReadOnlyCollection<int> Cpus => _cpus.Keys;

    /// <summary>Runnable threads: queued plus running.</summary>
    public int RunnableCount
    {
        get
        {
            var count = _global.Count;
            foreach (var c in _slots) count += c.Local.Count + (c.Running is null ? 0 : 1);
            return count;
        }
    }

    public SchedThread? Find(long threadId) => _threads.GetValueOrDefault(threadId);

    /// <summary>A CPU joined the set (or booted into it) and has nothing to run.</summary>
    public void AddCpu(int cpu)
    {
        if (_earlyReleases.Remove(cpu, out var passOn))
        {
            _effects.CpuLeft(cpu, passOn); // processor_assign came before the CPU did: it goes straight on
            return;
        }
        if (!_cpus.ContainsKey(cpu))
        {
            _cpus[cpu] = new CpuSlot(cpu);
            _slots = [.. _cpus.Values];
        }
        var slot = _cpus[cpu];
        if (slot.Running is null) PickNext(slot);
    }

    /// <summary>A thread enters the set (created, or moved in): it gets the set's limits and runs when runnable.</summary>
    public void Adopt(SchedThread thread)
    {
        _threads[thread.Id] = thread;
        Forwarded.Remove(thread.Id); // back in this set: no longer forwarded (else stale mail for it would cycle between sets)
        if (thread.MaxPriority < MaxPriority) thread.MaxPriority = MaxPriority;
        if (thread.BasePriority < thread.MaxPriority) thread.BasePriority = thread.MaxPriority;
        if (thread.BoundCpu is { } b && !_cpus.ContainsKey(b)) thread.BoundCpu = null;
        thread.UsageStamp = SchedTick();
        UpdatePriority(thread);
        if (thread.Runnable) SetRun(thread);
    }

    /// <summary>
    /// A CPU gave its thread back. Charges the time it ran, then acts on the reason (end it, park it
    /// waiting, move it, or queue it again), and gives the CPU its next thread (or a handoff target).
    /// </summary>
    public void OnSurrender(int cpu, ThreadExecution execution, SurrenderReason reason, Duration ran)
    {
        var slot = _cpus[cpu];
        var thread = slot.Running;
        if (thread is null || thread.Id != execution.ThreadId)
        {
            throw new InvalidOperationException($"set {SetId}: cpu{cpu} surrendered {execution.Name}, which it was not running");
        }
        Charge(thread, ran);
        slot.Running = null;
        thread.Cpu = null;
        thread.PreemptRequested = false;
        var reserved = thread.HandoffReserved is { } r ? Find(r) : null;
        thread.HandoffReserved = null;
        SchedThread? handoff = null;
        switch (reason)
        {
            case SurrenderReason.Exited or SurrenderReason.Faulted or SurrenderReason.Terminated:
                End(thread, reason);
                break;
            case SurrenderReason.Migrating when thread.MigrateTo is { } destination:
                MigrateOut(thread, destination);
                break;
            case SurrenderReason.Blocked blocked:
                Park(thread, blocked.Channel);
                handoff = HandoffTarget(blocked.HandoffThreadId, thread, cpu); // IPC handoff (spec 5.6)
                break;
            case SurrenderReason.Yield { HandoffThreadId: { } hint }:
                handoff = HandoffTarget(hint, thread, cpu); // thread_switch
                break;
        }
        if (!thread.Ended && thread.TerminationRequested) End(thread, SurrenderReason.Terminated.Instance);
        if (!thread.Ended && thread.MigrateTo is { } moveTo && _threads.ContainsKey(thread.Id)) MigrateOut(thread, moveTo);
        if (!thread.Ended && _threads.ContainsKey(thread.Id) && thread.Runnable) SetRun(thread);
        CheckAcks(thread.Id);
        if (slot.LeavingTo is { } leaving)
        {
            RemoveSlot(slot, leaving);
            return;
        }
        if (reserved is not null && !ReferenceEquals(reserved, handoff)) ReleaseReservation(reserved);
        if (handoff is not null)
        {
            handoff.Queue!.Remove(handoff);
            Dispatch(slot, handoff, fromLocal: false, isHandoff: true);
            return;
        }
        PickNext(slot);
    }

    /// <summary>
    /// The thread a wakeup with <paramref name="handoffFrom"/> may keep <paramref name="woken"/> for:
    /// a thread of this set running on a CPU that <paramref name="woken"/> may use, not being
    /// preempted, and not already keeping another. Null otherwise (the wakeup is then an ordinary one).
    /// </summary>
    private SchedThread? ReservingSender(long? handoffFrom, SchedThread woken) =>
        handoffFrom is { } id && id != woken.Id && Find(id) is { Cpu: { } cpu, PreemptRequested: false, HandoffReserved: null } sender
            && _cpus.TryGetValue(cpu, out var slot) && slot.LeavingTo is null && (woken.BoundCpu ?? cpu) == cpu
            ? sender
            : null;

    /// <summary>
    /// <paramref name="threadId"/> keeps its CPU (its RPC's receive did not block): the thread kept for
    /// that CPU, if any, is queued as usual (<see cref="ReleaseReservation"/>).
    /// </summary>
    public void DeclineHandoff(long threadId)
    {
        if (Find(threadId) is not { HandoffReserved: { } reserved } sender) return;
        sender.HandoffReserved = null;
        if (Find(reserved) is { } thread) ReleaseReservation(thread);
    }

    /// <summary>
    /// The sender gave its CPU back without handing it to <paramref name="thread"/>: if still queued,
    /// it is queued afresh through <see cref="SetRun"/> (an idle CPU takes it, or it preempts).
    /// </summary>
    private void ReleaseReservation(SchedThread thread)
    {
        if (thread.Queue is null || !thread.Runnable) return;
        thread.Queue.Remove(thread);
        SetRun(thread);
    }

    /// <summary>
    /// The thread a handoff hint names, if it can take the CPU now: queued and runnable in this set,
    /// not the surrendering thread, not bound to another CPU. Priority is not checked. Null otherwise.
    /// </summary>
    private SchedThread? HandoffTarget(long? hint, SchedThread from, int cpu) =>
        hint is { } id && Find(id) is { Queue: not null, Runnable: true } target && target.Id != from.Id && (target.BoundCpu ?? cpu) == cpu
            ? target
            : null;

    /// <summary>
    /// thread_setrun: give a runnable thread an idle CPU (its last one first, with affinity), or queue
    /// it (on its bound CPU's local queue, else globally) and preempt the CPU running the least
    /// important thread if the new one is better.
    /// </summary>
    private void SetRun(SchedThread thread)
    {
        if (!thread.Runnable || thread.Cpu is not null || thread.Queue is not null) return;
        if (thread.BoundCpu is { } bound)
        {
            var slot = _cpus[bound];
            if (slot.Running is null && _idle.Contains(bound))
            {
                Dispatch(slot, thread, fromLocal: true, isHandoff: false);
                return;
            }
            slot.Local.Enqueue(thread);
            if (slot.Running is { PreemptRequested: false } current && thread.SchedPriority < current.SchedPriority) RequestPreempt(slot, SurrenderReason.Preempted.Instance);
            return;
        }
        if (PickIdleCpu(thread) is { } idle)
        {
            Dispatch(idle, thread, fromLocal: false, isHandoff: false);
            return;
        }
        _global.Enqueue(thread);
        CpuSlot? worst = null;
        foreach (var slot in _slots)
        {
            if (slot.Running is not { PreemptRequested: false } running || slot.LeavingTo is not null) continue;
            if (worst is null || running.SchedPriority > worst.Running!.SchedPriority) worst = slot;
        }
        if (worst is not null && thread.SchedPriority < worst.Running!.SchedPriority) RequestPreempt(worst, SurrenderReason.Preempted.Instance);
    }

    private CpuSlot? PickIdleCpu(SchedThread thread)
    {
        if (_idle.Count == 0) return null;
        if (_options.Affinity && thread.LastCpu is { } last && _idle.Contains(last)) return _cpus[last];
        return _cpus[_idle[0]];
    }

    /// <summary>The CPU needs work: its local queue first, then the global queue; otherwise it goes idle.</summary>
    private void PickNext(CpuSlot slot)
    {
        if (slot.Local.Dequeue() is { } local)
        {
            Dispatch(slot, local, fromLocal: true, isHandoff: false);
            return;
        }
        if (_global.Dequeue() is { } next)
        {
            Dispatch(slot, next, fromLocal: false, isHandoff: false);
            return;
        }
        if (!_idle.Contains(slot.Id)) _idle.Add(slot.Id);
    }

    private void Dispatch(CpuSlot slot, SchedThread thread, bool fromLocal, bool isHandoff)
    {
        _idle.Remove(slot.Id);
        slot.Running = thread;
        thread.Cpu = slot.Id;
        thread.LastCpu = slot.Id;
        thread.Dispatches++;
        thread.QuantumLeft = Quantum(thread);
        if (_effects.ObservesDispatches)
        {
            _effects.Dispatched(new DispatchRecord(
                _now(), SetId, slot.Id, thread.Id, thread.SchedPriority, fromLocal, slot.Local.Peek()?.SchedPriority,
                _global.Peek()?.SchedPriority, thread.SuspendCount, thread.TaskSuspended, thread.Waiting, isHandoff));
        }
        _effects.Run(slot.Id, thread.Execution);
    }

    private void RequestPreempt(CpuSlot slot, SurrenderReason reason)
    {
        var running = slot.Running!;
        if (running.PreemptRequested && reason is SurrenderReason.Preempted) return;
        running.PreemptRequested = true;
        _effects.Preempt(slot.Id, running.Id, reason);
    }

    /// <summary>The blocked thread parks on <paramref name="channel"/>, unless its wakeup already came.</summary>
    private void Park(SchedThread thread, object channel)
    {
        if (thread.WakeupPending && ReferenceEquals(thread.PendingChannel, channel))
        {
            thread.Execution.SetResult(thread.WakeupResult);
        }
        else
        {
            thread.Waiting = true;
            thread.WaitChannel = channel;
        }
        thread.WakeupPending = false;
        thread.PendingChannel = null;
        thread.WakeupResult = null;
    }

    /// <summary>The thread is gone: off its queue, out of the set, its wait cancelled, its thread object told.</summary>
    private void End(SchedThread thread, SurrenderReason reason)
    {
        if (thread.Queue is { } queue) queue.Remove(thread);
        thread.Ended = true;
        thread.Execution.Kill();
        _threads.Remove(thread.Id);
        if (thread.Waiting && thread.WaitChannel is WaitChannel channel) _effects.CancelWait(thread.Id, channel, wakeAborted: false);
        thread.Waiting = false;
        _effects.Ended(thread, reason);
    }

    private void MigrateOut(SchedThread thread, IActorRef destination)
    {
        if (thread.Queue is { } queue) queue.Remove(thread);
        _threads.Remove(thread.Id);
        Forwarded[thread.Id] = destination;
        thread.MigrateTo = null;
        thread.UsageStamp = SchedTick();
        _effects.Migrate(thread, destination);
    }

    /// <summary>Threads that moved to another set: where their wakeups and calls go now.</summary>
    public Dictionary<long, IActorRef> Forwarded { get; } = [];

    /// <summary>One of the set's CPUs.</summary>
    private sealed class CpuSlot(int id)
    {
        public int Id { get; } = id;

        public SchedThread? Running { get; set; }

        public RunQueue Local { get; } = new();

        /// <summary>The CPU is being reassigned (processor_assign) and leaves once its thread is off.</summary>
        public IActorRef? LeavingTo { get; set; }
    }

    /// <summary>A task_suspend waiting for some threads to get off their CPUs.</summary>
    private sealed record PendingAck(HashSet<long> WaitingFor, IActorRef To, object Message);
}
