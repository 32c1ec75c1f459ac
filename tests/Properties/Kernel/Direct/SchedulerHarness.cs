using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;
using MachActors.Kernel;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Properties.Kernel.Direct;

/// <summary>
/// Drives a <see cref="ProcessorSetScheduler"/> directly, playing its CPUs, clock, programs and callers,
/// and checks every dispatch decision as it is made against the scheduler's own queues (each thread's
/// record says which queue holds it) and against the harness's own count of suspensions and waits,
/// and the scheduler's invariants after every event. The CPUs
/// are faithful to the hardware's: a preemption request is a message that arrives later
/// (<see cref="SchedOp.DeliverPreempt"/>), and is ignored if its thread is no longer on that CPU.
/// </summary>
internal sealed class SchedulerHarness : ISchedulerEffects
{
    private readonly int _cpus;
    private readonly ProcessorSetScheduler _scheduler;
    private readonly Duration _tick;
    private readonly List<SchedThread> _threads = [];
    private readonly long?[] _running;
    private readonly Queue<(long Thread, SurrenderReason Reason)>[] _preempts;
    private readonly VirtualTime[] _reported;
    private readonly Dictionary<long, WaitChannel> _channels = [];
    private readonly int[] _taskSuspends = new int[3];
    private readonly Dictionary<long, int> _suspends = [];
    private (int Cpu, long Hint)? _switching;
    private VirtualTime _now = VirtualTime.Zero;
    private string _event = "boot";

    public SchedulerHarness(int cpus, bool affinity)
    {
        _cpus = cpus;
        var config = new MachineConfig { CpuCount = cpus, ClockHz = 1_000_000, CyclesPerTick = 10_000 };
        _tick = config.TickPeriod;
        _scheduler = new ProcessorSetScheduler(0, config, new SchedulerOptions { Affinity = affinity }, this, () => _now);
        _running = new long?[cpus];
        _preempts = [.. Enumerable.Range(0, cpus).Select(_ => new Queue<(long, SurrenderReason)>())];
        _reported = new VirtualTime[cpus];
        for (var cpu = 0; cpu < cpus; cpu++) _scheduler.AddCpu(cpu);
    }

    /// <summary>What went wrong, each with the event during which it was seen.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Every dispatch decision, in order.</summary>
    public List<DispatchRecord> Dispatches { get; } = [];

    /// <summary>Feeds one event to the scheduler, then checks its invariants.</summary>
    public void Apply(SchedOp op, int index)
    {
        _event = $"event {index} ({op})";
        switch (op)
        {
            case SchedOp.NewThread n:
                NewThread(n);
                break;
            case SchedOp.Tick:
                _now += _tick;
                for (var cpu = 0; cpu < _cpus; cpu++)
                {
                    if (_running[cpu] is not { } id) continue;
                    _scheduler.OnTick(cpu, id, _now - _reported[cpu]);
                    _reported[cpu] = _now;
                }
                break;
            case SchedOp.Advance a:
                _now += Duration.FromMicroseconds(a.Micros);
                break;
            case SchedOp.DeliverPreempt p when _preempts[p.Cpu % _cpus].TryDequeue(out var request):
                if (_running[p.Cpu % _cpus] == request.Thread) Surrender(p.Cpu % _cpus, request.Reason);
                break;
            case SchedOp.Yield y when _running[y.Cpu % _cpus] is not null:
                long? hint = y.Hint < 0 || _threads.Count == 0 ? null : _threads[y.Hint % _threads.Count].Id;
                _switching = hint is { } h ? (y.Cpu % _cpus, h) : null;
                Surrender(y.Cpu % _cpus, new SurrenderReason.Yield(hint));
                _switching = null;
                break;
            case SchedOp.Block b when _running[b.Cpu % _cpus] is { } id:
                var channel = new WaitChannel(null!, "wait of t" + id);
                if (b.EarlyWake) _scheduler.Wake(id, channel, null);
                else _channels[id] = channel;
                Surrender(b.Cpu % _cpus, new SurrenderReason.Blocked(channel));
                break;
            case SchedOp.Exit e when _running[e.Cpu % _cpus] is not null:
                Surrender(e.Cpu % _cpus, new SurrenderReason.Exited(null));
                break;
            case SchedOp.Wake w when _threads.Count > 0:
                var thread = _threads[w.Thread % _threads.Count];
                var stale = new WaitChannel(null!, "an older wait");
                _scheduler.Wake(thread.Id, !w.Stale && _channels.Remove(thread.Id, out var ch) ? ch : stale, null);
                break;
            case SchedOp.Call c when _threads.Count > 0:
                Call(_threads[c.Thread % _threads.Count], c);
                break;
            case SchedOp.TaskSuspend s:
                TaskSuspend(s.Task % _taskSuspends.Length, s.Resume);
                break;
        }
        CheckInvariants();
    }

    private void NewThread(SchedOp.NewThread n)
    {
        if (_threads.Count >= SchedScript.MaxThreads) return;
        var id = 100L + _threads.Count;
        var task = n.Task % _taskSuspends.Length;
        var thread = new SchedThread(new ThreadHandle(id, "t" + id), new TaskHandle(task, "T" + task), new ThreadExecution(id, "t" + id, () => Task.CompletedTask))
        {
            BasePriority = n.Priority,
            SchedPriority = n.Priority,
            TaskSuspended = _taskSuspends[task] > 0,
        };
        _threads.Add(thread);
        _scheduler.Adopt(thread);
        if (n.Fixed) _scheduler.SetPolicy(id, SchedPolicy.FixedPriority, 0);
        if (n.Bind >= 0) _scheduler.Bind(id, n.Bind % _cpus);
    }

    private void Call(SchedThread thread, SchedOp.Call c)
    {
        // The model counts first: a resume may dispatch the thread before the call returns.
        var count = _suspends.GetValueOrDefault(thread.Id);
        var delta = c.Kind switch { CallKind.Suspend => 1, CallKind.Resume when count > 0 => -1, _ => 0 };
        _suspends[thread.Id] = count + delta;
        var result = c.Kind switch
        {
            CallKind.Suspend => _scheduler.Suspend(thread.Id),
            CallKind.Resume => _scheduler.Resume(thread.Id),
            CallKind.Priority => _scheduler.SetPriority(thread.Id, c.Arg, setMax: false),
            CallKind.Policy => _scheduler.SetPolicy(thread.Id, thread.Policy == SchedPolicy.FixedPriority ? SchedPolicy.Timeshare : SchedPolicy.FixedPriority, 0),
            CallKind.Bind => _scheduler.Bind(thread.Id, c.Arg < 0 ? null : c.Arg % _cpus),
            _ => _scheduler.Terminate(thread.Id),
        };
        if (result != KernReturn.Success) _suspends[thread.Id] = count;
        if (c.Kind == CallKind.Resume && count == 0 && result == KernReturn.Success) Violation($"thread_resume of t{thread.Id} succeeded, but it was not suspended");
        if (c.Kind == CallKind.Resume && count > 0 && !thread.Ended && result != KernReturn.Success) Violation($"thread_resume of suspended t{thread.Id} answered {result}");
    }

    /// <summary>The task's suspend count, as MachTask keeps it: the set hears of the changes to and from 0.</summary>
    private void TaskSuspend(int task, bool resume)
    {
        if (resume && _taskSuspends[task] == 0) return;
        _taskSuspends[task] += resume ? -1 : 1;
        if (_taskSuspends[task] != (resume ? 0 : 1)) return;
        var members = _threads.Where(t => t.Task.Id == task && !t.Ended).Select(t => t.Id).ToList();
        _scheduler.SetTaskSuspended(members, suspended: !resume, exceptThread: null, ackTo: null!, ack: task);
    }

    /// <summary>The CPU gives its thread back, with the time it ran since its last report.</summary>
    private void Surrender(int cpu, SurrenderReason reason)
    {
        var thread = _threads.Single(t => t.Id == _running[cpu]);
        var ran = _now - _reported[cpu];
        _running[cpu] = null;
        _reported[cpu] = _now;
        _scheduler.OnSurrender(cpu, thread.Execution, reason, ran);
    }

    private void Violation(string text) => Violations.Add($"{_event}: {text}");

    void ISchedulerEffects.Run(int cpu, ThreadExecution thread)
    {
        if (_running[cpu] is { } busy) Violation($"cpu{cpu} was told to run t{thread.ThreadId} while it runs t{busy}");
        _running[cpu] = thread.ThreadId;
        _reported[cpu] = _now;
    }

    void ISchedulerEffects.Preempt(int cpu, long threadId, SurrenderReason reason) => _preempts[cpu].Enqueue((threadId, reason));

    void ISchedulerEffects.Ended(SchedThread thread, SurrenderReason reason)
    {
        if (_running.Contains(thread.Id)) Violation($"t{thread.Id} ended while on a CPU");
    }

    void ISchedulerEffects.CancelWait(long threadId, WaitChannel channel, bool wakeAborted) => _channels.Remove(threadId);

    void ISchedulerEffects.Migrate(SchedThread thread, IActorRef destination) => Violation($"t{thread.Id} migrated, but no script moves threads");

    void ISchedulerEffects.CpuLeft(int cpu, IActorRef destination) => Violation($"cpu{cpu} left, but no script moves CPUs");

    void ISchedulerEffects.Send(IActorRef to, object message)
    {
    }

    /// <summary>
    /// (a) and (b) at the moment of the decision, against the scheduler's own state: the chosen thread
    /// is runnable with both suspend counts 0, goes to an idle CPU it may run on, and was the best of
    /// the queue it came from (<see cref="KernelChecks.DispatchRule"/>); the record reports the queues
    /// truthfully; a handoff happens only for the thread_switch being handled; no other runnable
    /// thread is lost (every one is on a CPU or queued).
    /// </summary>
    void ISchedulerEffects.Dispatched(DispatchRecord d)
    {
        Dispatches.Add(d);
        var chosen = _threads.Single(t => t.Id == d.ThreadId);
        var model = (Suspends: _suspends.GetValueOrDefault(d.ThreadId), Task: _taskSuspends[chosen.Task.Id], Blocked: _channels.ContainsKey(d.ThreadId));
        if (model is not (0, 0, false))
        {
            Violation($"dispatched t{d.ThreadId}, which has been suspended {model.Suspends} time(s) more than resumed, its task {model.Task}, blocked {model.Blocked}");
        }
        if (!chosen.Runnable)
        {
            Violation($"dispatched t{d.ThreadId}, which is not runnable (suspend count {chosen.SuspendCount}, task suspended {chosen.TaskSuspended}, waiting {chosen.Waiting}, ended {chosen.Ended})");
        }
        if (d.SchedPriority != chosen.SchedPriority || d.SuspendCount != chosen.SuspendCount || d.TaskSuspended != chosen.TaskSuspended || d.Waiting != chosen.Waiting)
        {
            Violation($"the record of t{d.ThreadId}'s dispatch misreports it: {d}");
        }
        if (_running[d.Cpu] is { } busy) Violation($"t{d.ThreadId} dispatched on cpu{d.Cpu}, which runs t{busy}");
        if (chosen.BoundCpu is { } bound && bound != d.Cpu) Violation($"t{d.ThreadId}, bound to cpu{bound}, dispatched on cpu{d.Cpu}");
        if (!d.Handoff && d.FromLocalQueue != chosen.BoundCpu.HasValue) Violation($"t{d.ThreadId} (bound: {chosen.BoundCpu?.ToString() ?? "no"}) reported as from the {(d.FromLocalQueue ? "local" : "global")} queue");
        var others = _threads.Where(t => !t.Ended && t != chosen).ToList();
        var global = others.Where(t => t.Queue is not null && t.BoundCpu is null).Select(t => (int?)t.SchedPriority).Min();
        var local = others.Where(t => t.Queue is not null && t.BoundCpu == d.Cpu).Select(t => (int?)t.SchedPriority).Min();
        if (d.BestGlobalQueued != global || d.BestLocalQueued != local)
        {
            Violation($"t{d.ThreadId}'s dispatch reports best queued global={d.BestGlobalQueued} local={d.BestLocalQueued}, the queues hold global={global} local={local}");
        }
        foreach (var lost in others.Where(t => t.Runnable && t.Cpu is null && t.Queue is null)) Violation($"runnable t{lost.Id} is neither on a CPU nor queued");
        if (KernelChecks.DispatchRule(d with { BestGlobalQueued = global, BestLocalQueued = local }) is { } rule) Violation(rule);
        if (d.Handoff && _switching != (d.Cpu, d.ThreadId)) Violation($"t{d.ThreadId} got cpu{d.Cpu} by a handoff, but no thread_switch to it is being handled there");
    }

    /// <summary>Between events: CPUs and records agree, queued threads are runnable, runnable ones are placed, no CPU idles while it could work.</summary>
    private void CheckInvariants()
    {
        for (var cpu = 0; cpu < _cpus; cpu++)
        {
            if (_running[cpu] is { } id && _threads.Single(t => t.Id == id) is var t && (t.Cpu != cpu || t.Ended))
            {
                Violation($"cpu{cpu} runs t{id}, whose record says cpu {t.Cpu?.ToString() ?? "none"}, ended {t.Ended}");
            }
            if (_running[cpu] is null && _threads.FirstOrDefault(t => !t.Ended && t.Queue is not null && (t.BoundCpu ?? cpu) == cpu) is { } waiting)
            {
                Violation($"cpu{cpu} idles while t{waiting.Id} (bound: {waiting.BoundCpu?.ToString() ?? "no"}) waits in a run queue");
            }
        }
        foreach (var t in _threads)
        {
            if (t.Ended && (t.Queue is not null || t.Cpu is not null)) Violation($"ended t{t.Id} is still queued or on a CPU");
            if (t.Ended) continue;
            if (t.Cpu is { } c && _running[c] != t.Id) Violation($"t{t.Id}'s record says cpu{c}, which runs {_running[c]?.ToString() ?? "nothing"}");
            if (t.Queue is not null && (!t.Runnable || t.Cpu is not null)) Violation($"queued t{t.Id} is not runnable, or on a CPU");
            if (t.Runnable && t.Cpu is null && t.Queue is null) Violation($"runnable t{t.Id} is neither on a CPU nor queued");
            if (t.Cpu is not null && t.Stopped && !t.PreemptRequested) Violation($"suspended t{t.Id} stays on cpu{t.Cpu} with no preemption asked");
        }
    }
}
