using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// The programs of a <see cref="KernelWorkload"/>: a controller (the main thread, fixed priority 6)
/// that makes the tasks, mutexes and suspended worker threads, starts them, carries out the control
/// operations and joins whatever no worker joins; and the workers' bodies. Both record what they see
/// in the run's <see cref="KernelLog"/>. Programs await only the machine's traps; their shared state
/// (handles, counters, completion markers) is handed between pool threads by the machine's messages.
/// </summary>
public sealed class WorkloadProgram(KernelWorkload workload, KernelLog log)
{
    /// <summary>Cycles the controller computes between two looks at a thread it suspended.</summary>
    private const int PollCycles = 200;

    /// <summary>Looks at a suspended thread before declaring that it never left its CPU.</summary>
    private const int MaxPolls = 100;

    /// <summary>The controller's priority (fixed policy): better than every worker's.</summary>
    public const int ControllerPriority = SchedConstants.BasePrioritySystem;

    private readonly ThreadHandle[] _handles = new ThreadHandle[workload.Threads.Length];
    private readonly TaskHandle[] _tasks = new TaskHandle[workload.Tasks];
    private readonly MutexHandle[] _mutexes = new MutexHandle[workload.Mutexes];
    private readonly bool[] _done = new bool[workload.Threads.Length];
    private readonly (HashSet<(int Thread, int Step)> Active, bool[] JoinedByWorker) _plan = workload.JoinPlan();

    private ProcessorSetHandle _extra = null!;

    /// <summary>The default processor set (the host finds it before the run starts).</summary>
    public ProcessorSetHandle DefaultSet { get; set; } = null!;

    /// <summary>Each mutex's counter, incremented (read, compute, write) only while holding the mutex.</summary>
    public int[] Counters { get; } = new int[workload.Mutexes];

    /// <summary>The workers' ids, by index (after the run).</summary>
    public IReadOnlyList<long> WorkerIds => [.. _handles.Select(h => h?.Id ?? 0)];

    /// <summary>A worker's exit value (what joining it returns).</summary>
    public static string ExitValue(int worker) => "exit-" + worker;

    /// <summary>The controller: the main thread's program.</summary>
    public async Task Main(MachEnv env, IReadOnlyList<string> args)
    {
        Expect(await env.ThreadPolicy(env.Self, SchedPolicy.FixedPriority), "main: thread_policy");
        _extra = (await env.ProcessorSetCreate("extra")).Set!;
        for (var m = 0; m < _mutexes.Length; m++) _mutexes[m] = await env.MutexAlloc();
        for (var k = 0; k < _tasks.Length; k++) _tasks[k] = (await env.TaskCreate(env.Task, "task" + k)).Task!;
        for (var i = 0; i < _handles.Length; i++)
        {
            var spec = workload.Threads[i];
            var created = await env.ThreadCreate(_tasks[workload.TaskOf(i)], Body(i), "w" + i);
            _handles[i] = created.Thread!;
            Expect(await env.ThreadPolicy(_handles[i], spec.Fixed ? SchedPolicy.FixedPriority : SchedPolicy.Timeshare, spec.QuantumMs), "thread_policy");
            Expect(await env.ThreadPriority(_handles[i], spec.Priority), "thread_priority");
        }
        foreach (var h in _handles) Expect(await env.ThreadResume(h), "thread_resume of a new thread");
        foreach (var op in workload.Control) await Control(env, op);
        foreach (var h in _handles) await env.ThreadAssign(h, DefaultSet); // the second set may have no CPU left
        for (var i = 0; i < _handles.Length; i++) if (!_plan.JoinedByWorker[i]) await JoinAndCheck(env, i);
    }

    private ThreadBody Body(int i) => async env =>
    {
        var steps = workload.Threads[i].Steps;
        for (var k = 0; k < steps.Length; k++)
        {
            switch (steps[k])
            {
                case Step.Compute c:
                    await env.Compute(c.Cycles);
                    break;
                case Step.Yield:
                    await env.Yield();
                    break;
                case Step.Locked l:
                    var m = l.Mutex % _mutexes.Length;
                    Expect(await env.MutexLock(_mutexes[m]), "mutex_lock");
                    log.Add(seq => new KernelEvent.Acquired(seq, m, env.Self.Id));
                    var value = Counters[m];
                    await env.Compute(l.Cycles);
                    Counters[m] = value + 1;
                    log.Add(seq => new KernelEvent.Released(seq, m, env.Self.Id));
                    Expect(await env.MutexUnlock(_mutexes[m]), "mutex_unlock");
                    break;
                case Step.Join j when _plan.Active.Contains((i, k)):
                    await JoinAndCheck(env, j.Target);
                    break;
                case Step.SwitchTo s when _handles[s.Target % _handles.Length] is { } target && target.Id != env.Self.Id:
                    log.Add(seq => new KernelEvent.SwitchRequested(seq, env.Self.Id, target.Id));
                    await env.SwitchTo(target);
                    break;
            }
        }
        log.Add(seq => new KernelEvent.Exiting(seq, env.Self.Id));
        Volatile.Write(ref _done[i], true);
        return ExitValue(i);
    };

    /// <summary>(e) Joins worker <paramref name="target"/>: the join returns its exit value, after its completion marker, and it is halted.</summary>
    private async Task JoinAndCheck(MachEnv env, int target)
    {
        var handle = _handles[target];
        var joined = await env.CThreadJoin(handle);
        log.Add(seq => new KernelEvent.Joined(seq, env.Self.Id, handle.Id));
        if (joined.Result != KernReturn.Success || !Equals(joined.Value, ExitValue(target)))
        {
            log.Violation($"t{env.Self.Id}'s join of w{target} returned {joined.Result} with {joined.Value ?? "null"}, not Success with {ExitValue(target)}");
        }
        if (!Volatile.Read(ref _done[target])) log.Violation($"t{env.Self.Id}'s join of w{target} returned before w{target}'s completion marker was set");
        var info = (await env.ThreadInfo(handle)).Info;
        if (info is not null && info.State != ThreadRunState.Halted) log.Violation($"w{target} is {info.State} after its join returned");
    }

    private async Task Control(MachEnv env, ControlOp op)
    {
        switch (op)
        {
            case ControlOp.Pause p:
                await Background(env, p.Cycles);
                break;
            case ControlOp.Reprioritize r:
                await env.ThreadPriority(_handles[r.Thread % _handles.Length], r.Priority);
                break;
            case ControlOp.Bind b:
                await env.ThreadBind(_handles[b.Thread % _handles.Length], b.Cpu < 0 ? null : b.Cpu % workload.Cpus);
                break;
            case ControlOp.AssignThread a:
                await env.ThreadAssign(_handles[a.Thread % _handles.Length], a.Set == 0 ? DefaultSet : _extra);
                break;
            case ControlOp.AssignTask a:
                await env.TaskAssign(_tasks[a.Task % _tasks.Length], a.Set == 0 ? DefaultSet : _extra, assignThreads: true);
                break;
            case ControlOp.AssignCpu a when workload.Cpus > 1:
                await env.ProcessorAssign(1 + a.Cpu % (workload.Cpus - 1), a.Set == 0 ? DefaultSet : _extra);
                break;
            case ControlOp.SuspendThread s:
                await SuspendThread(env, s.Thread % _handles.Length, s.Hold);
                break;
            case ControlOp.SuspendTask s:
                await SuspendTask(env, s.Task % _tasks.Length, s.Hold);
                break;
        }
    }

    /// <summary>(b) thread_suspend: once the thread is off its CPU it stays stopped and its CPU time does not grow.</summary>
    private async Task SuspendThread(MachEnv env, int worker, int hold)
    {
        var handle = _handles[worker];
        if (await env.ThreadSuspend(handle) != KernReturn.Success) return; // it has ended
        var before = await InfoOf(env, handle);
        for (var poll = 0; poll < MaxPolls && before?.State == ThreadRunState.Running; poll++)
        {
            await env.Compute(PollCycles);
            before = await InfoOf(env, handle);
        }
        if (before?.State is ThreadRunState.Running or ThreadRunState.Runnable)
        {
            log.Violation($"w{worker} is still {before.State} after thread_suspend and {MaxPolls} looks");
        }
        await Hold(env, [(worker, before)], hold);
        if (before is { State: not ThreadRunState.Halted }) Expect(await env.ThreadResume(handle), "thread_resume");
    }

    /// <summary>(b) task_suspend: once it answers, none of the task's threads is on a CPU; they stay stopped with frozen CPU time.</summary>
    private async Task SuspendTask(MachEnv env, int task, int hold)
    {
        Expect(await env.TaskSuspend(_tasks[task]), "task_suspend");
        var members = new List<(int, ThreadBasicInfo?)>();
        for (var i = 0; i < _handles.Length; i++)
        {
            if (workload.TaskOf(i) != task) continue;
            var info = await InfoOf(env, _handles[i]);
            if (info?.State is ThreadRunState.Running or ThreadRunState.Runnable)
            {
                log.Violation($"w{i} is {info.State} after task_suspend of its task answered");
            }
            members.Add((i, info));
        }
        await Hold(env, members, hold);
        Expect(await env.TaskResume(_tasks[task]), "task_resume");
    }

    /// <summary>Marks the threads suspended, waits <paramref name="cycles"/>, checks their CPU time did not grow, marks them resumed.</summary>
    private async Task Hold(MachEnv env, List<(int Worker, ThreadBasicInfo? Before)> threads, int cycles)
    {
        foreach (var (w, _) in threads) log.Add(seq => new KernelEvent.Suspended(seq, _handles[w].Id));
        await Background(env, cycles);
        foreach (var (w, before) in threads)
        {
            var after = await InfoOf(env, _handles[w]);
            if (before is not null && after is not null && after.CpuTime != before.CpuTime)
            {
                log.Violation($"w{w}'s CPU time grew from {before.CpuTime} to {after.CpuTime} while it was suspended");
            }
            if (after?.State is ThreadRunState.Running or ThreadRunState.Runnable) log.Violation($"w{w} is {after.State} while suspended");
            log.Add(seq => new KernelEvent.ResumeIssued(seq, _handles[w].Id));
        }
    }

    /// <summary>
    /// Computes <paramref name="cycles"/> at the idle priority, so that the workers run meanwhile (the
    /// controller gets a CPU only when nothing else wants it), then takes its own priority back.
    /// </summary>
    private async Task Background(MachEnv env, int cycles)
    {
        Expect(await env.ThreadPriority(env.Self, SchedConstants.IdlePriority), "main: thread_priority (idle)");
        await env.Compute(cycles);
        Expect(await env.ThreadPriority(env.Self, ControllerPriority), "main: thread_priority (back)");
    }

    /// <summary>thread_info, or null when the thread has just ended (its set no longer knows it, its object not yet told).</summary>
    private static async Task<ThreadBasicInfo?> InfoOf(MachEnv env, ThreadHandle thread) => (await env.ThreadInfo(thread)).Info;

    private void Expect(KernReturn result, string what)
    {
        if (result != KernReturn.Success) log.Violation($"{what} returned {result}");
    }
}
