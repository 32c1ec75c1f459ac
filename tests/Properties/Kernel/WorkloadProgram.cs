using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// The programs of a <see cref="KernelWorkload"/>: a controller (the main thread, fixed priority 6)
/// that makes the tasks and suspended worker threads, gives each task the rights its workers need,
/// starts them, carries out the control operations and joins whatever no worker joins; a setup thread
/// per task; and the workers' bodies. Every call names its object by a send right in the caller's own
/// space: the controller holds the tasks' and workers' ports (from task_create and thread_create); each
/// task holds rights to the other tasks' workers (inserted by the controller through the task's port)
/// and to its own workers (its space names them; its setup thread finds the names). Mutexes are memory
/// of one task, so each task has its own <see cref="KernelWorkload.Mutexes"/> mutexes, allocated by its
/// setup thread. Both record what they see in the run's <see cref="KernelLog"/>. Programs await only the
/// machine's traps; their shared state (names, counters, completion markers) is handed between pool
/// threads by the machine's messages.
/// </summary>
public sealed class WorkloadProgram(KernelWorkload workload, KernelLog log)
{
    /// <summary>Cycles the controller computes between two looks at a thread it suspended.</summary>
    private const int PollCycles = 200;

    /// <summary>Looks at a suspended thread before declaring that it never left its CPU.</summary>
    private const int MaxPolls = 100;

    /// <summary>The controller's priority (fixed policy): better than every worker's.</summary>
    public const int ControllerPriority = SchedConstants.BasePrioritySystem;

    private readonly PortName[] _threads = new PortName[workload.Threads.Length];
    private readonly long[] _ids = new long[workload.Threads.Length];
    private readonly PortName[] _tasks = new PortName[workload.Tasks];
    private readonly PortName[][] _names = [.. Enumerable.Range(0, workload.Tasks).Select(_ => new PortName[workload.Threads.Length])];
    private readonly MutexHandle[][] _mutexes = new MutexHandle[workload.Tasks][];
    private readonly bool[] _done = new bool[workload.Threads.Length];
    private readonly (HashSet<(int Thread, int Step)> Active, bool[] JoinedByWorker) _plan = workload.JoinPlan();

    private PortName _default;
    private PortName _extra;

    /// <summary>Each task's mutexes' counters (task k's mutex m at k x Mutexes + m), incremented (read, compute, write) only while holding the mutex.</summary>
    public int[] Counters { get; } = new int[workload.Tasks * workload.Mutexes];

    /// <summary>The workers' ids, by index (after the run).</summary>
    public IReadOnlyList<long> WorkerIds => _ids;

    /// <summary>A worker's exit value (what joining it returns).</summary>
    public static string ExitValue(int worker) => "exit-" + worker;

    /// <summary>The name under which the controller puts a send right to worker <paramref name="worker"/>'s port into the other tasks (never one the kernel picks: those end in 0x03).</summary>
    public static PortName WorkerName(int worker) => new(0x4000_0011u | ((uint)worker << 8));

    /// <summary>The controller: the main thread's program.</summary>
    public async Task Main(MachEnv env, IReadOnlyList<string> args)
    {
        Expect(await env.ThreadPolicy(env.ThreadSelf, SchedPolicy.FixedPriority), "main: thread_policy");
        var (created, extra) = await env.ProcessorSetCreate(env.HostSelf, "extra");
        Expect(created, "main: processor_set_create");
        var (found, defaultSet) = await env.ProcessorSetDefault(env.HostSelf);
        Expect(found, "main: processor_set_default");
        (_extra, _default) = (extra, defaultSet);
        for (var k = 0; k < _tasks.Length; k++)
        {
            var (code, task) = await env.TaskCreate(env.TaskSelf, "task" + k);
            Expect(code, "task_create");
            _tasks[k] = task;
        }
        for (var i = 0; i < _threads.Length; i++)
        {
            var spec = workload.Threads[i];
            var (code, thread) = await env.ThreadCreate(_tasks[workload.TaskOf(i)], Body(i), "w" + i);
            Expect(code, "thread_create");
            _threads[i] = thread;
            _ids[i] = await env.ThreadId(thread) ?? 0;
            Expect(await env.ThreadPolicy(thread, spec.Fixed ? SchedPolicy.FixedPriority : SchedPolicy.Timeshare, spec.QuantumMs), "thread_policy");
            Expect(await env.ThreadPriority(thread, spec.Priority), "thread_priority");
        }
        for (var k = 0; k < _tasks.Length; k++) await SetUpTask(env, k);
        foreach (var t in _threads) Expect(await env.ThreadResume(t), "thread_resume of a new thread");
        foreach (var op in workload.Control) await Control(env, op);
        foreach (var t in _threads) await env.ThreadAssign(t, _default); // the second set may have no CPU left
        for (var i = 0; i < _threads.Length; i++) if (!_plan.JoinedByWorker[i]) await JoinAndCheck(env, i, _threads[i]);
    }

    /// <summary>
    /// Task <paramref name="k"/> gets send rights to the other tasks' workers (insert_right by its port,
    /// under <see cref="WorkerName"/>); then its setup thread allocates its mutexes and finds the names its
    /// space already has for its own workers' ports (task_threads, matched by thread id).
    /// </summary>
    private async Task SetUpTask(MachEnv env, int k)
    {
        for (var i = 0; i < _threads.Length; i++)
        {
            if (workload.TaskOf(i) == k) continue;
            var inserted = await env.PortInsertRight(_tasks[k], WorkerName(i), _threads[i], MsgType.CopySend);
            Expect(inserted.Result, "insert_right");
            _names[k][i] = WorkerName(i);
        }
        var (code, setup) = await env.ThreadCreate(_tasks[k], Setup, "setup" + k);
        Expect(code, "thread_create (setup)");
        Expect(await env.ThreadResume(setup), "thread_resume (setup)");
        var joined = await env.CThreadJoin(setup);
        if (joined.Value is not (MutexHandle[] mutexes, Dictionary<long, PortName> own))
        {
            log.Violation($"task{k}'s setup thread returned {joined.Result} with {joined.Value ?? "null"}");
            return;
        }
        _mutexes[k] = mutexes;
        for (var i = 0; i < _threads.Length; i++)
        {
            if (workload.TaskOf(i) != k) continue;
            if (own.TryGetValue(_ids[i], out var name)) _names[k][i] = name;
            else log.Violation($"task{k}'s space has no name for its worker w{i}");
        }
    }

    /// <summary>A task's setup thread: its mutexes, and its space's names for its threads' ports by thread id.</summary>
    private async Task<object?> Setup(MachEnv env)
    {
        var mutexes = new MutexHandle[workload.Mutexes];
        for (var m = 0; m < mutexes.Length; m++) mutexes[m] = await env.MutexAlloc();
        var own = new Dictionary<long, PortName>();
        var (code, threads) = await env.TaskThreads(env.TaskSelf);
        Expect(code, "task_threads (setup)");
        foreach (var t in threads) if (await env.ThreadId(t) is { } id) own[id] = t;
        return (mutexes, own);
    }

    private ThreadBody Body(int i) => async env =>
    {
        var task = workload.TaskOf(i);
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
                    var m = (task * workload.Mutexes) + (l.Mutex % workload.Mutexes);
                    Expect(await env.MutexLock(_mutexes[task][l.Mutex % workload.Mutexes]), "mutex_lock");
                    log.Add(seq => new KernelEvent.Acquired(seq, m, env.Self.Id));
                    var value = Counters[m];
                    await env.Compute(l.Cycles);
                    Counters[m] = value + 1;
                    log.Add(seq => new KernelEvent.Released(seq, m, env.Self.Id));
                    Expect(await env.MutexUnlock(_mutexes[task][l.Mutex % workload.Mutexes]), "mutex_unlock");
                    break;
                case Step.Join j when _plan.Active.Contains((i, k)):
                    await JoinAndCheck(env, j.Target, _names[task][j.Target]);
                    break;
                case Step.SwitchTo s when s.Target % _threads.Length is var t && _ids[t] != env.Self.Id:
                    log.Add(seq => new KernelEvent.SwitchRequested(seq, env.Self.Id, _ids[t]));
                    await env.SwitchTo(_names[task][t]);
                    break;
            }
        }
        log.Add(seq => new KernelEvent.Exiting(seq, env.Self.Id));
        Volatile.Write(ref _done[i], true);
        return ExitValue(i);
    };

    /// <summary>(e) Joins worker <paramref name="target"/> (named <paramref name="name"/> in the caller's space): the join returns its exit value, after its completion marker, and it is halted.</summary>
    private async Task JoinAndCheck(MachEnv env, int target, PortName name)
    {
        var joined = await env.CThreadJoin(name);
        log.Add(seq => new KernelEvent.Joined(seq, env.Self.Id, _ids[target]));
        if (joined.Result != KernReturn.Success || !Equals(joined.Value, ExitValue(target)))
        {
            log.Violation($"t{env.Self.Id}'s join of w{target} returned {joined.Result} with {joined.Value ?? "null"}, not Success with {ExitValue(target)}");
        }
        if (!Volatile.Read(ref _done[target])) log.Violation($"t{env.Self.Id}'s join of w{target} returned before w{target}'s completion marker was set");
        var info = await env.ThreadStatus(name);
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
                await env.ThreadPriority(_threads[r.Thread % _threads.Length], r.Priority);
                break;
            case ControlOp.Bind b:
                await env.ThreadBind(_threads[b.Thread % _threads.Length], b.Cpu < 0 ? null : b.Cpu % workload.Cpus);
                break;
            case ControlOp.AssignThread a:
                await env.ThreadAssign(_threads[a.Thread % _threads.Length], a.Set == 0 ? _default : _extra);
                break;
            case ControlOp.AssignTask a:
                await env.TaskAssign(_tasks[a.Task % _tasks.Length], a.Set == 0 ? _default : _extra, assignThreads: true);
                break;
            case ControlOp.AssignCpu a when workload.Cpus > 1:
                await env.ProcessorAssign(env.HostSelf, 1 + (a.Cpu % (workload.Cpus - 1)), a.Set == 0 ? _default : _extra);
                break;
            case ControlOp.SuspendThread s:
                await SuspendThread(env, s.Thread % _threads.Length, s.Hold);
                break;
            case ControlOp.SuspendTask s:
                await SuspendTask(env, s.Task % _tasks.Length, s.Hold);
                break;
        }
    }

    /// <summary>(b) thread_suspend: once the thread is off its CPU it stays stopped and its CPU time does not grow.</summary>
    private async Task SuspendThread(MachEnv env, int worker, int hold)
    {
        var thread = _threads[worker];
        if (await env.ThreadSuspend(thread) != KernReturn.Success) return; // it has ended
        var before = await env.ThreadStatus(thread);
        for (var poll = 0; poll < MaxPolls && before?.State == ThreadRunState.Running; poll++)
        {
            await env.Compute(PollCycles);
            before = await env.ThreadStatus(thread);
        }
        if (before?.State is ThreadRunState.Running or ThreadRunState.Runnable)
        {
            log.Violation($"w{worker} is still {before.State} after thread_suspend and {MaxPolls} looks");
        }
        await Hold(env, [(worker, before)], hold);
        if (before is { State: not ThreadRunState.Halted }) Expect(await env.ThreadResume(thread), "thread_resume");
    }

    /// <summary>(b) task_suspend: once it answers, none of the task's threads is on a CPU; they stay stopped with frozen CPU time.</summary>
    private async Task SuspendTask(MachEnv env, int task, int hold)
    {
        Expect(await env.TaskSuspend(_tasks[task]), "task_suspend");
        var members = new List<(int, ThreadStatus?)>();
        for (var i = 0; i < _threads.Length; i++)
        {
            if (workload.TaskOf(i) != task) continue;
            var info = await env.ThreadStatus(_threads[i]);
            if (info?.State is ThreadRunState.Running or ThreadRunState.Runnable)
            {
                log.Violation($"w{i} is {info.State} after task_suspend of its task answered");
            }
            members.Add((i, info));
        }
        await Hold(env, members, hold);
        Expect(await env.TaskResume(_tasks[task]), "task_resume");
    }

    /// <summary>
    /// Marks the threads suspended, waits <paramref name="cycles"/>, checks their CPU time did not grow
    /// (thread_info's resolution, a microsecond: one cycle at 1 MHz), marks them resumed.
    /// </summary>
    private async Task Hold(MachEnv env, List<(int Worker, ThreadStatus? Before)> threads, int cycles)
    {
        foreach (var (w, _) in threads) log.Add(seq => new KernelEvent.Suspended(seq, _ids[w]));
        await Background(env, cycles);
        foreach (var (w, before) in threads)
        {
            var after = await env.ThreadStatus(_threads[w]);
            if (before is not null && after is not null && after.CpuTime != before.CpuTime)
            {
                log.Violation($"w{w}'s CPU time grew from {before.CpuTime} to {after.CpuTime} while it was suspended");
            }
            if (after?.State is ThreadRunState.Running or ThreadRunState.Runnable) log.Violation($"w{w} is {after.State} while suspended");
            log.Add(seq => new KernelEvent.ResumeIssued(seq, _ids[w]));
        }
    }

    /// <summary>
    /// Computes <paramref name="cycles"/> at the idle priority, so that the workers run meanwhile (the
    /// controller gets a CPU only when nothing else wants it), then takes its own priority back.
    /// </summary>
    private async Task Background(MachEnv env, int cycles)
    {
        Expect(await env.ThreadPriority(env.ThreadSelf, SchedConstants.IdlePriority), "main: thread_priority (idle)");
        await env.Compute(cycles);
        Expect(await env.ThreadPriority(env.ThreadSelf, ControllerPriority), "main: thread_priority (back)");
    }

    private void Expect(KernReturn result, string what)
    {
        if (result != KernReturn.Success) log.Violation($"{what} returned {result}");
    }
}
