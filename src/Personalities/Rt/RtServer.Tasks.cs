using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using MachActors.Personalities.Rt.Emulation;
using MachActors.Personalities.Rt.Server;

namespace MachActors.Personalities.Rt;

/// <summary>The executive's calls: task creation and start, the periodic waits and their releases, misses, exit.</summary>
public sealed partial class RtServer
{
    /// <summary>The main task runs <see cref="RtConfig.Main"/> on a fixed-priority thread bound to CPU 0 (as the server: an unbound thread would wait behind the bound tasks), then exits.</summary>
    private async Task<RtError> StartMain()
    {
        var (error, task, _) = await NewClient("rt-main", -1, PortName.Null);
        if (error != RtError.None) return error;
        ThreadBody body = async env =>
        {
            var rt = new RtEnv(env);
            await _config.Main(rt);
            await rt.Exit();
            return null;
        };
        var (created, thread) = await _env.ThreadCreate(task, body, "rt-main");
        if (created != KernReturn.Success) return RtError.Kernel;
        var started = await Start(thread, RtPriorities.Highest, cpu: 0);
        await _env.PortDeallocate(thread);
        return started;
    }

    /// <summary>
    /// A new RT task: a Mach task with the executive's emulation vector, and its port in the server (a
    /// member of the set), given to the task as its bootstrap port: the one right its library needs. A
    /// dead-name request on the task port tells the server when the task dies (<see cref="OnNotification"/>).
    /// </summary>
    private async Task<(RtError Error, PortName Task, PortName Port)> NewClient(string name, int id, PortName creator)
    {
        var (created, task) = await _env.TaskCreate(_env.TaskSelf, name);
        if (created != KernReturn.Success) return (RtError.Kernel, PortName.Null, PortName.Null);
        var (start, handlers) = RtSyscalls.Vector();
        await _env.TaskSetEmulationVector(task, start, handlers);
        var port = await _env.MachReplyPort();
        await _env.PortMoveMember(port, _set);
        await _env.PortInsertRight(port, port, MsgType.MakeSend);
        await _env.TaskSetSpecialPort(task, SpecialPorts.Bootstrap, port);
        await _env.TaskSetSpecialPort(task, SpecialPorts.Exception, _exceptionPort);
        await _env.PortRequestNotification(task, NotifyIds.DeadName, 0, _notifyPort);
        await _env.PortDeallocate(port); // the task holds its own copy
        _clients[port] = new Client(task, id, creator);
        return (RtError.None, task, port);
    }

    /// <summary>Gives <paramref name="thread"/> the fixed-priority policy and <paramref name="priority"/>, binds it to <paramref name="cpu"/> (when placed) and resumes it. The caller keeps the right.</summary>
    private async Task<RtError> Start(PortName thread, int priority, int? cpu)
    {
        var code = await _env.ThreadPolicy(thread, SchedPolicy.FixedPriority);
        if (code == KernReturn.Success) code = await _env.ThreadPriority(thread, priority);
        if (code == KernReturn.Success && cpu is not null) await Bind(thread, cpu.Value);
        if (code == KernReturn.Success) code = await _env.ThreadResume(thread);
        return code == KernReturn.Success ? RtError.None : RtError.Kernel;
    }

    /// <summary>rt_task_create: a valid spec is admitted (first release per <see cref="RtSchedule.Add"/>) and gets a Mach task; the caller gets its id and task port. Invalid for a bad spec or an unknown caller.</summary>
    private async Task DoTaskCreate(PortName rt, MigReplyHandle reply, string name, long periodNs, long deadlineNs, int priority, int jobs, long costNs)
    {
        var spec = new RtTaskSpec(name, Duration.FromNanoseconds(periodNs), Duration.FromNanoseconds(deadlineNs), priority, jobs, Duration.FromNanoseconds(costNs));
        if (!_clients.ContainsKey(rt) || spec.Problem() is not null)
        {
            await Fail(reply, RtError.Invalid);
            return;
        }
        var id = _schedule.Add(spec, _env.Now);
        var (error, task, _) = await NewClient(name, id, rt);
        if (error != RtError.None) await Fail(reply, error);
        else await Answer(RtCallsServer.TaskCreateReply(reply, 0, id, task));
        Publish();
    }

    /// <summary>
    /// rt_task_start: the thread of task <paramref name="id"/>, which the caller created, gets its fixed
    /// priority (and, after the epoch's placement, its CPU) and runs; the server keeps its right to bind
    /// it at the epoch. Invalid for another caller's task or a second start. With no thread (the
    /// library could not create one) or a thread the kernel refuses, Kernel: the task is ended and marked faulted.
    /// </summary>
    private async Task DoTaskStart(PortName rt, MigReplyHandle reply, int id, PortName thread)
    {
        var client = _clients.Values.FirstOrDefault(c => c.Id == id && c.Id >= 0 && c.Creator == rt && !c.Started);
        if (client is null)
        {
            await _env.PortDeallocate(thread);
            await Fail(reply, RtError.Invalid);
            return;
        }
        client.Started = true;
        var priority = _schedule.Spec(id).Priority;
        if (_config.SeededBugs.HasFlag(RtSeededBugs.InvertPriorities)) priority = RtPriorities.Highest + RtPriorities.Lowest - priority;
        client.Thread = thread;
        var cpu = _schedule.Placed ? _schedule.Place(id, _cpus) : (int?)null;
        var error = thread == PortName.Null ? RtError.Kernel : await Start(thread, priority, cpu);
        if (error == RtError.None)
        {
            await Answer(RtCallsServer.TaskStartReply(reply, 0));
            return;
        }
        _schedule.Fault(id); // no thread will ever run its jobs: the task is ended, not waited for
        await End(_clients.First(c => c.Value == client).Key);
        Publish();
        await Fail(reply, error);
    }

    /// <summary>rt_wait_next_period: completes the caller's job (deadline check) and answers at its next release, now when it has passed, or with job -1 when all have run. Invalid from the main task.</summary>
    private async Task DoWaitNextPeriod(PortName rt, MigReplyHandle reply)
    {
        if (!_clients.TryGetValue(rt, out var client) || client.Id < 0)
        {
            await Fail(reply, RtError.Invalid);
            return;
        }
        var wait = _schedule.Wait(client.Id, _env.Now);
        Publish();
        switch (wait.Kind)
        {
            case RtWaitKind.Released:
                await Answer(RtCallsServer.WaitNextPeriodReply(reply, 0, wait.Job, wait.Release.Nanoseconds));
                break;
            case RtWaitKind.Wait:
                client.Waiting = reply;
                break;
            default:
                await Answer(RtCallsServer.WaitNextPeriodReply(reply, 0, -1, 0));
                break;
        }
    }

    /// <summary>Answers every kept wait whose release has come (the loop calls it after each message and timeout).</summary>
    private async Task ReleaseDue()
    {
        foreach (var due in _schedule.Due(_env.Now))
        {
            var client = _clients.Values.First(c => c.Id == due.Id);
            if (client.Waiting is not { } reply) continue;
            client.Waiting = null;
            await Answer(RtCallsServer.WaitNextPeriodReply(reply, 0, due.Job, due.Release.Nanoseconds));
        }
    }

    /// <summary>rt_misses: the caller's misses (0 for the main task) and the total.</summary>
    private async Task DoMisses(PortName rt, MigReplyHandle reply)
    {
        if (!_clients.TryGetValue(rt, out var client)) await Fail(reply, RtError.Invalid);
        else await Answer(RtCallsServer.MissesReply(reply, 0, client.Id >= 0 ? _schedule.Misses(client.Id) : 0, _schedule.TotalMisses));
    }

    /// <summary>rt_exit: the caller's task is terminated and its port destroyed; no reply. The server ends when no task is left.</summary>
    private async Task DoExit(PortName rt, MigReplyHandle reply)
    {
        await Drop(reply);
        await End(rt);
    }

    /// <summary>
    /// Forgets the task whose port is <paramref name="rt"/>: terminates its Mach task (unless it is
    /// already dead: <paramref name="terminate"/> false), drops the rights kept for it (task, thread, a kept
    /// reply) and destroys its port. A dead-name notification the termination raises finds no client.
    /// </summary>
    private async Task End(PortName rt, bool terminate = true)
    {
        if (!_clients.Remove(rt, out var client)) return;
        if (terminate) await _env.TaskTerminate(client.Task);
        await _env.PortDeallocate(client.Task);
        if (client.Thread != PortName.Null) await _env.PortDeallocate(client.Thread);
        if (client.Waiting is { } waiting) await Drop(waiting);
        await _env.PortDestroy(rt);
    }

    private void Publish(bool finished = false) => _config.Report.Publish(_schedule.Stats(), finished, _cpus);
}
