using MachActors.Actors;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>The thread calls that touch scheduling state, wakeups, suspension and reassignment.</summary>
internal sealed partial class ProcessorSetScheduler
{
    /// <summary>
    /// A wakeup for the wait <paramref name="channel"/>: a thread parked on exactly that wait becomes
    /// runnable with <paramref name="result"/>; a thread still on its CPU (its CPU has not yet given
    /// it back after blocking) keeps the wakeup for when it does. Any other wakeup is stale and ignored.
    /// Returns false when the thread is not in this set. With <paramref name="handoffFrom"/> naming a
    /// thread of this set that is running (and not being preempted) on a CPU the woken thread may use,
    /// the woken thread is queued but no idle CPU takes it: it is kept for that CPU, which the sender
    /// hands over when it blocks (IPC handoff, spec 5.6). The sender's surrender ends the reservation
    /// either way (<see cref="ReleaseReservation"/>).
    /// </summary>
    public bool Wake(long threadId, WaitChannel channel, object? result, long? handoffFrom = null)
    {
        if (Find(threadId) is not { } thread) return false;
        if (thread.Waiting && ReferenceEquals(thread.WaitChannel, channel))
        {
            thread.Waiting = false;
            thread.WaitChannel = null;
            thread.Execution.SetResult(result);
            if (!thread.Runnable) return true;
            if (ReservingSender(handoffFrom, thread) is { } sender)
            {
                sender.HandoffReserved = thread.Id;
                if (thread.BoundCpu is { } bound) _cpus[bound].Local.Enqueue(thread);
                else _global.Enqueue(thread);
            }
            else
            {
                SetRun(thread);
            }
        }
        else if (thread.Cpu is not null && !thread.Waiting)
        {
            thread.WakeupPending = true;
            thread.PendingChannel = channel;
            thread.WakeupResult = result;
        }
        return true;
    }

    /// <summary>thread_suspend: count up; the first suspension stops the thread (off its queue, or off its CPU at a safe point).</summary>
    public KernReturn Suspend(long threadId)
    {
        if (Find(threadId) is not { } thread) return KernReturn.InvalidArgument;
        var wasStopped = thread.Stopped;
        thread.SuspendCount++;
        if (!wasStopped) Stop(thread);
        return KernReturn.Success;
    }

    /// <summary>thread_resume: count down (Failure at 0); the thread runs again once nothing holds it.</summary>
    public KernReturn Resume(long threadId)
    {
        if (Find(threadId) is not { } thread) return KernReturn.InvalidArgument;
        if (thread.SuspendCount == 0) return KernReturn.Failure;
        thread.SuspendCount--;
        if (thread.Runnable) SetRun(thread);
        return KernReturn.Success;
    }

    /// <summary>
    /// The task's suspend count became positive (or zero) for <paramref name="threadIds"/>. When
    /// suspending, <paramref name="ackTo"/> gets <paramref name="ack"/> once they are all off their
    /// CPUs, except <paramref name="exceptThread"/> (the caller, which stops on its return).
    /// </summary>
    public void SetTaskSuspended(IReadOnlyList<long> threadIds, bool suspended, long? exceptThread, IActorRef ackTo, object ack)
    {
        var waitFor = new HashSet<long>();
        foreach (var id in threadIds)
        {
            if (Find(id) is not { } thread) continue;
            var wasStopped = thread.Stopped;
            thread.TaskSuspended = suspended;
            if (suspended && !wasStopped) Stop(thread);
            if (!suspended && thread.Runnable) SetRun(thread);
            if (suspended && thread.Cpu is not null && id != exceptThread) waitFor.Add(id);
        }
        if (waitFor.Count == 0) _effects.Send(ackTo, ack);
        else _acks.Add(new PendingAck(waitFor, ackTo, ack));
    }

    /// <summary>thread_priority. InvalidArgument for a priority out of 0..31 or better than the max (unless <paramref name="setMax"/> lowers the max... which it may not raise).</summary>
    public KernReturn SetPriority(long threadId, int priority, bool setMax)
    {
        if (Find(threadId) is not { } thread || priority is < 0 or >= SchedConstants.Nrqs) return KernReturn.InvalidArgument;
        if (priority < thread.MaxPriority) return KernReturn.InvalidArgument;
        if (setMax) thread.MaxPriority = priority;
        thread.BasePriority = priority;
        Reprioritize(thread);
        return KernReturn.Success;
    }

    /// <summary>thread_max_priority: not better than the set's maximum; lowers the base priority to fit.</summary>
    public KernReturn SetMaxPriority(long threadId, int maxPriority)
    {
        if (Find(threadId) is not { } thread || maxPriority is < 0 or >= SchedConstants.Nrqs || maxPriority < MaxPriority) return KernReturn.InvalidArgument;
        thread.MaxPriority = maxPriority;
        if (thread.BasePriority < maxPriority) thread.BasePriority = maxPriority;
        Reprioritize(thread);
        return KernReturn.Success;
    }

    /// <summary>thread_policy: timesharing, or fixed priority with a quantum of <paramref name="quantumMs"/> rounded up to ticks (0: the minimum quantum).</summary>
    public KernReturn SetPolicy(long threadId, SchedPolicy policy, int quantumMs)
    {
        if (Find(threadId) is not { } thread || !Enum.IsDefined(policy) || quantumMs < 0) return KernReturn.InvalidArgument;
        thread.Policy = policy;
        var tickMs = Math.Max(1, _config.TickPeriod.Nanoseconds / 1_000_000);
        thread.PolicyQuantum = quantumMs == 0 ? MinQuantum : (int)Math.Max(1, (quantumMs + tickMs - 1) / tickMs);
        Reprioritize(thread);
        return KernReturn.Success;
    }

    /// <summary>thread_terminate: a thread on a CPU leaves at its next safe point; any other ends at once.</summary>
    public KernReturn Terminate(long threadId)
    {
        if (Find(threadId) is not { } thread) return KernReturn.InvalidArgument;
        if (thread.Cpu is { } cpu)
        {
            thread.TerminationRequested = true;
            thread.PreemptRequested = true;
            _effects.Preempt(cpu, thread.Id, SurrenderReason.Terminated.Instance);
        }
        else
        {
            End(thread, SurrenderReason.Terminated.Instance);
        }
        return KernReturn.Success;
    }

    /// <summary>thread_abort: a waiting thread's call returns Aborted (its wait's owner forgets it and wakes it); otherwise nothing.</summary>
    public KernReturn Abort(long threadId)
    {
        if (Find(threadId) is not { } thread) return KernReturn.InvalidArgument;
        // The wait's owner answers the call with its own "aborted" reply (it knows the reply's type)
        // through an ordinary wakeup, unless it already granted the wait (then the abort is moot).
        if (thread.Waiting && thread.WaitChannel is WaitChannel channel) _effects.CancelWait(thread.Id, channel, wakeAborted: true);
        return KernReturn.Success;
    }

    /// <summary>Binds the thread to one of the set's CPUs (its local queue), or unbinds it (null).</summary>
    public KernReturn Bind(long threadId, int? cpu)
    {
        if (Find(threadId) is not { } thread || (cpu is { } c && !_cpus.ContainsKey(c))) return KernReturn.InvalidArgument;
        if (thread.BoundCpu == cpu) return KernReturn.Success;
        thread.BoundCpu = cpu;
        if (thread.Queue is { } queue)
        {
            queue.Remove(thread);
            SetRun(thread);
        }
        else if (thread.Cpu is { } running && cpu is { } target && running != target)
        {
            RequestPreempt(_cpus[running], SurrenderReason.Preempted.Instance);
        }
        return KernReturn.Success;
    }

    /// <summary>thread_assign: the thread moves to <paramref name="destination"/> (at once, or when it leaves its CPU).</summary>
    public KernReturn Assign(long threadId, IActorRef destination)
    {
        if (Find(threadId) is not { } thread) return KernReturn.InvalidArgument;
        thread.BoundCpu = null;
        thread.MigrateTo = destination;
        if (thread.Cpu is { } cpu) RequestPreempt(_cpus[cpu], SurrenderReason.Migrating.Instance);
        else MigrateOut(thread, destination);
        return KernReturn.Success;
    }

    /// <summary>
    /// processor_assign: the CPU leaves for <paramref name="destination"/> once idle (its thread is
    /// preempted first). A CPU that has not arrived yet (its CpuWantsWork is still on the way) is
    /// passed on when it does.
    /// </summary>
    public void ReleaseCpu(int cpu, IActorRef destination)
    {
        if (!_cpus.TryGetValue(cpu, out var slot))
        {
            _earlyReleases[cpu] = destination;
            return;
        }
        slot.LeavingTo = destination;
        if (slot.Running is null) RemoveSlot(slot, destination);
        else RequestPreempt(slot, SurrenderReason.Preempted.Instance);
    }

    /// <summary>Drops a departing CPU: its bound threads become unbound (global queue); the CPU is told where to go.</summary>
    private void RemoveSlot(CpuSlot slot, IActorRef destination)
    {
        _cpus.Remove(slot.Id);
        _slots = [.. _cpus.Values];
        _idle.Remove(slot.Id);
        while (slot.Local.Dequeue() is { } bound)
        {
            bound.BoundCpu = null;
            SetRun(bound);
        }
        foreach (var thread in _threads.Values.Where(t => t.BoundCpu == slot.Id)) thread.BoundCpu = null;
        _effects.CpuLeft(slot.Id, destination);
    }

    /// <summary>The run state thread_info reports.</summary>
    public static ThreadRunState StateOf(SchedThread thread) => thread switch
    {
        { Ended: true } => ThreadRunState.Halted,
        { Cpu: not null } => ThreadRunState.Running,
        { Waiting: true } => ThreadRunState.Waiting,
        { Stopped: true } => ThreadRunState.Stopped,
        _ => ThreadRunState.Runnable,
    };

    private void Stop(SchedThread thread)
    {
        if (thread.Queue is { } queue) queue.Remove(thread);
        if (thread.Cpu is { } cpu) RequestPreempt(_cpus[cpu], SurrenderReason.Suspended.Instance);
    }

    /// <summary>After a priority change: requeue at the new level, or let a running thread be preempted by a better queued one.</summary>
    private void Reprioritize(SchedThread thread)
    {
        UpdatePriority(thread);
        if (thread.Queue is { } queue)
        {
            queue.Remove(thread);
            SetRun(thread);
        }
        else if (thread.Cpu is { } cpu && !thread.PreemptRequested && _global.Peek() is { } best && best.SchedPriority < thread.SchedPriority)
        {
            RequestPreempt(_cpus[cpu], SurrenderReason.Preempted.Instance);
        }
    }

    private void CheckAcks(long threadId)
    {
        for (var i = _acks.Count - 1; i >= 0; i--)
        {
            var ack = _acks[i];
            if (!ack.WaitingFor.Remove(threadId) || ack.WaitingFor.Count > 0) continue;
            _acks.RemoveAt(i);
            _effects.Send(ack.To, ack.Message);
        }
    }
}
