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
    /// <summary>The main task runs <see cref="RtConfig.Main"/> on a fixed-priority thread, then exits.</summary>
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
        return await Start(thread, RtPriorities.Highest);
    }

    /// <summary>
    /// A new RT task: a Mach task with the executive's emulation vector, and its port in the server (a
    /// member of the set), given to the task as its bootstrap port: the one right its library needs.
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
        await _env.PortDeallocate(port); // the task holds its own copy
        _clients[port] = new Client(task, id, creator);
        return (RtError.None, task, port);
    }

    /// <summary>Gives <paramref name="thread"/> the fixed-priority policy and <paramref name="priority"/>, resumes it and drops the server's right.</summary>
    private async Task<RtError> Start(PortName thread, int priority)
    {
        var code = await _env.ThreadPolicy(thread, SchedPolicy.FixedPriority);
        if (code == KernReturn.Success) code = await _env.ThreadPriority(thread, priority);
        if (code == KernReturn.Success) code = await _env.ThreadResume(thread);
        await _env.PortDeallocate(thread);
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
    /// priority and runs. Invalid for another caller's task or a second start. With no thread (the
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
        var error = thread == PortName.Null ? RtError.Kernel : await Start(thread, priority);
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

    /// <summary>Forgets the task whose port is <paramref name="rt"/>: terminates its Mach task and destroys its port.</summary>
    private async Task End(PortName rt)
    {
        if (!_clients.Remove(rt, out var client)) return;
        await _env.TaskTerminate(client.Task);
        await _env.PortDeallocate(client.Task);
        await _env.PortDestroy(rt);
    }

    private void Publish() => _config.Report.Publish(_schedule.Stats(), finished: false);
}
