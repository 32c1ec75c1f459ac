using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Execution;

namespace MachActors.Kernel.Kern;

/// <summary>
/// A processor set's record of one of its threads: run state, suspension, priorities, usage, CPU
/// time and, while the thread is not on a CPU, its execution. Owned by one processor set; it moves
/// to another with the thread (thread_assign).
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. <see cref="Cpu"/> set ⇒ not queued and not waiting (the execution is on that CPU).
/// 2. Queued ⇒ runnable: not waiting, not stopped, not on a CPU.
/// 3. Runnable (not waiting, not stopped) and not on a CPU ⇒ queued, or being handed to an idle CPU.
/// </remarks>
internal sealed class SchedThread(ThreadHandle handle, TaskHandle task, ThreadExecution execution)
{
    public long Id => Handle.Id;

    public string Name => Handle.Name;

    /// <summary>The thread (its kernel object is told when the thread ends).</summary>
    public ThreadHandle Handle { get; } = handle;

    /// <summary>The task the thread belongs to.</summary>
    public TaskHandle Task { get; } = task;

    /// <summary>The program's execution; on a CPU while <see cref="Cpu"/> is set.</summary>
    public ThreadExecution Execution { get; } = execution;

    /// <summary>The CPU running it, or null.</summary>
    public int? Cpu { get; set; }

    /// <summary>A preemption was asked of its CPU and not yet answered.</summary>
    public bool PreemptRequested { get; set; }

    /// <summary>The run queue holding it, or null.</summary>
    public RunQueue? Queue { get; set; }

    /// <summary>Its node in <see cref="Queue"/>.</summary>
    public LinkedListNode<SchedThread>? QueueNode { get; set; }

    /// <summary>The run-queue node this thread last used, detached, kept for its next enqueue (no allocation per enqueue).</summary>
    public LinkedListNode<SchedThread>? SpareNode { get; set; }

    /// <summary>Blocked in a kernel call (WAIT).</summary>
    public bool Waiting { get; set; }

    /// <summary>What it waits on (to cancel the wait on abort or termination).</summary>
    public object? WaitChannel { get; set; }

    /// <summary>A wakeup arrived while the CPU had not yet given the blocked thread back.</summary>
    public bool WakeupPending { get; set; }

    /// <summary>The result of that early wakeup.</summary>
    public object? WakeupResult { get; set; }

    /// <summary>The wait that early wakeup was for.</summary>
    public object? PendingChannel { get; set; }

    /// <summary>thread_assign asked it to move to this processor set (done once it is off its CPU).</summary>
    public IActorRef? MigrateTo { get; set; }

    /// <summary>Fixed priority: the quantum in ticks.</summary>
    public int PolicyQuantum { get; set; }

    /// <summary>
    /// IPC handoff: a thread woken for this one's CPU (queued, kept from idle CPUs) until this thread
    /// gives its CPU back; null when none. Cleared by the surrender.
    /// </summary>
    public long? HandoffReserved { get; set; }

    /// <summary>thread_suspend count.</summary>
    public int SuspendCount { get; set; }

    /// <summary>Its task's suspend count is positive.</summary>
    public bool TaskSuspended { get; set; }

    /// <summary>Stopped: its own or its task's suspend count is positive (SUSP).</summary>
    public bool Stopped => SuspendCount > 0 || TaskSuspended;

    /// <summary>Would run if given a CPU: not waiting, not stopped, not ended.</summary>
    public bool Runnable => !Waiting && !Stopped && !Ended;

    /// <summary>Terminated or exited; the record is about to go.</summary>
    public bool Ended { get; set; }

    /// <summary>Termination was asked while it was on a CPU.</summary>
    public bool TerminationRequested { get; set; }

    /// <summary>Base priority (thread_priority), never numerically below <see cref="MaxPriority"/>.</summary>
    public int BasePriority { get; set; } = SchedConstants.BasePriorityUser;

    /// <summary>The best priority it may be given (thread_max_priority).</summary>
    public int MaxPriority { get; set; } = SchedConstants.DefaultMaxPriority;

    /// <summary>The priority actually used for queueing (sched_pri).</summary>
    public int SchedPriority { get; set; } = SchedConstants.BasePriorityUser;

    /// <summary>Timesharing or fixed priority.</summary>
    public SchedPolicy Policy { get; set; } = SchedPolicy.Timeshare;

    /// <summary>CPU usage, load-weighted, in nanoseconds x <see cref="SchedConstants.LoadScale"/> (sched_usage).</summary>
    public long Usage { get; set; }

    /// <summary>The sched_tick at which <see cref="Usage"/> was last aged.</summary>
    public long UsageStamp { get; set; }

    /// <summary>Total CPU time.</summary>
    public Duration CpuTime { get; set; }

    /// <summary>Ticks left in its current quantum.</summary>
    public int QuantumLeft { get; set; }

    /// <summary>Bound to this CPU's local run queue, or null.</summary>
    public int? BoundCpu { get; set; }

    /// <summary>The CPU it last ran on (affinity).</summary>
    public int? LastCpu { get; set; }

    /// <summary>Context switches onto a CPU.</summary>
    public long Dispatches { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}#{Id}";
}
