using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Clock;
using MachActors.Hardware.Execution;
using MachActors.Hardware.Memory;

namespace MachActors.Hardware.Cpu;

/// <summary>
/// A processor. It runs its current thread's program until the program traps: a compute trap keeps
/// the CPU busy for that many cycles (in virtual time), a kernel call goes to the kernel object that
/// serves it, a yield, exit or block gives the thread back to the scheduler. Every clock tick it
/// reports the running thread's time to the scheduler, which decides about quanta and preemption.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. At most one thread is on the CPU; while it is, it is computing (a segment timer is set) or
///    in a kernel call (waiting for the reply), never both.
/// 2. Preemption waits for a safe point: a computing thread leaves at once (its remaining cycles are
///    saved), a thread in a kernel call leaves when the call returns or blocks.
/// 3. Every nanosecond since boot is charged to idle or to exactly one thread (<see cref="CpuAccounting"/>).
/// </remarks>
public sealed partial class Cpu : Actor
{
    private const string SegmentTimer = "segment";
    private readonly MachineConfig _config;
    private readonly CpuAccounting _accounting;
    private IActorRef? _scheduler;
    private ThreadExecution? _thread;
    private bool _inKernelCall;
    private long _callId;
    private VirtualTime _segmentStart;
    private SurrenderReason? _pendingPreemption;

    /// <summary>Processor number <paramref name="id"/> of a machine shaped by <paramref name="config"/>.</summary>
    public Cpu(int id, MachineConfig config)
    {
        Id = id;
        _config = config;
        _accounting = new CpuAccounting(id);
    }

    /// <summary>The processor number.</summary>
    public int Id { get; }

    /// <summary>
    /// AttachScheduler: from now on that processor set decides; an idle CPU asks it for work.
    /// RunThread (precondition: idle): runs the thread. PreemptThread: takes the named thread off at
    /// the next safe point. ClockInterrupt: reports the running thread's time. Segment timer: the
    /// computation is done, the program goes on. KernelCallReply / KernelCallBlocked: the call's
    /// answer (stale answers, for a call of a thread no longer here, are ignored); for a memory trap a
    /// MemoryTranslation fills the TLB and the access is retried. MemoryAccessDone: the memory trap's
    /// access was performed. TlbShootdown: the translations go, then TlbShootdownAck to the sender. GetCpuStats:
    /// replies <see cref="CpuStats"/>.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case AttachScheduler a:
                _scheduler = a.Scheduler;
                if (_thread is null) _scheduler.Tell(new CpuWantsWork(Id), Self);
                break;
            case RunThread run:
                Dispatch(run.Thread);
                break;
            case PreemptThread p when _thread?.ThreadId == p.ThreadId:
                Preempt(p.Reason);
                break;
            case PreemptThread:
                break; // the thread already left: stale
            case ClockInterrupt tick:
                if (_thread is { } running && _scheduler is { } s)
                {
                    s.Tell(new CpuTicked(Id, running.ThreadId, tick.Tick, _accounting.TakeUnreported(Context.Now)), Self);
                }
                break;
            case SegmentDone done when _thread is not null && !_inKernelCall && done.CallId == _callId:
                _thread.RemainingCycles = 0;
                Continue();
                break;
            case SegmentDone:
                break;
            case KernelCallReply reply when _inKernelCall && reply.CallId == _callId && _memoryTrap is not null && reply.Result is MemoryTranslation t:
                Translated(t);
                break;
            case MemoryAccessDone done when _inKernelCall && done.CallId == _callId && _memoryTrap is not null:
                FinishMemory(done.Status == MemoryStatus.Success ? new MemoryTrapResult(MemoryTrapOutcome.Done, 0, done.Data) : MemoryTrapResult.Bad(InvalidAddressCode));
                break;
            case MemoryAccessDone:
                break; // an access of a thread that is gone: stale
            case TlbShootdown shootdown:
                if ((_config.SeededBugs & SeededBugs.CpuAcksWithoutInvalidating) == 0) _tlb.Apply(shootdown);
                Sender.Tell(new TlbShootdownAck(Id, shootdown.Token), Self);
                break;
            case KernelCallReply reply when _inKernelCall && reply.CallId == _callId:
                _inKernelCall = false;
                _memoryTrap = null;
                _thread!.SetResult(reply.Result);
                _thread.RemainingCycles += _config.TrapCycles;
                Continue();
                break;
            case KernelCallBlocked blocked when _inKernelCall && blocked.CallId == _callId:
                _inKernelCall = false;
                _thread!.RemainingCycles += _config.TrapCycles;
                Surrender(new SurrenderReason.Blocked(blocked.Channel, blocked.HandoffThreadId));
                break;
            case KernelCallReply or KernelCallBlocked:
                break; // a call of a thread that is gone: stale
            case GetCpuStats:
                Sender.Tell(_accounting.Snapshot(Context.Now), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Dispatch(ThreadExecution thread)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException($"cpu{Id} was asked to run {thread.Name} while running {_thread.Name}");
        }
        _thread = thread;
        _pendingPreemption = null;
        _accounting.StartThread(thread.ThreadId, Context.Now);
        Continue();
    }

    /// <summary>
    /// Goes on with the current thread: a pending preemption takes it off; owed cycles start a
    /// compute segment; otherwise the program runs to its next trap.
    /// </summary>
    private void Continue()
    {
        var thread = _thread!;
        if (_pendingPreemption is { } reason)
        {
            Surrender(reason);
            return;
        }
        if (thread.RemainingCycles > 0)
        {
            StartSegment(thread.RemainingCycles);
            return;
        }
        Take(thread, thread.Resume());
    }

    /// <summary>Acts on what the program did: its end, or the trap it stopped at (a trap the CPU does not know is a fault of the program).</summary>
    private void Take(ThreadExecution thread, ExecutionStep step)
    {
        switch (step.Kind)
        {
            case ExecutionStepKind.Exited:
                Surrender(new SurrenderReason.Exited(step.ExitValue));
                return;
            case ExecutionStepKind.Faulted:
                Surrender(new SurrenderReason.Faulted(step.Fault!));
                return;
        }
        _accounting.CountTrap();
        switch (step.Trap)
        {
            case ComputeTrap c:
                thread.SetResult(null);
                thread.RemainingCycles = Math.Max(1, c.Cycles); // at least a cycle: a loop of empty computes still lets time pass
                Continue();
                break;
            case YieldTrap y:
                thread.RemainingCycles += _config.TrapCycles;
                Surrender(new SurrenderReason.Yield(y.HandoffThreadId));
                break;
            case ExitTrap e:
                thread.Kill();
                Surrender(new SurrenderReason.Exited(e.Result));
                break;
            case MemoryTrap m:
                StartMemory(m);
                break;
            case KernelCallTrap k:
                _inKernelCall = true;
                _callId++;
                k.Server.Tell(new KernelCall(_callId, thread.ThreadId, _scheduler ?? Context.System.DeadLetters, k.Request), Self);
                break;
            default:
                Take(thread, thread.Fail(new ProgramFaultException($"thread {thread.Name} took an unknown trap {step.Trap}")));
                break;
        }
    }

    private void StartSegment(long cycles)
    {
        _callId++;
        _segmentStart = Context.Now;
        Context.Timers.StartSingleTimer(SegmentTimer, new SegmentDone(_callId), _config.CyclesToDuration(cycles));
    }

    private void Preempt(SurrenderReason reason)
    {
        if (_inKernelCall)
        {
            _pendingPreemption = reason; // safe point: when the call returns or blocks
            return;
        }
        var thread = _thread!;
        if (Context.Timers.IsTimerActive(SegmentTimer))
        {
            Context.Timers.Cancel(SegmentTimer);
            var done = _config.DurationToCycles(Context.Now - _segmentStart);
            thread.RemainingCycles = Math.Max(0, thread.RemainingCycles - done);
            _callId++;
        }
        Surrender(reason);
    }

    private void Surrender(SurrenderReason reason)
    {
        var thread = _thread!;
        if (reason is SurrenderReason.Exited or SurrenderReason.Faulted or SurrenderReason.Terminated) thread.Kill();
        Context.Timers.Cancel(SegmentTimer);
        _thread = null;
        _inKernelCall = false;
        _memoryTrap = null;
        _pendingPreemption = null;
        var ran = _accounting.StopThread(Context.Now);
        (_scheduler ?? Context.System.DeadLetters).Tell(new ThreadSurrendered(Id, thread, reason, ran), Self);
    }

    private sealed record SegmentDone(long CallId);
}
