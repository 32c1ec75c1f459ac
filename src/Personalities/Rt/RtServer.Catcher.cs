using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Personalities.Rt;

/// <summary>The demux's side of the server loop: each routine records the call to run (asynchronously) and defers its reply.</summary>
public sealed partial class RtServer
{
    /// <summary>One request: the generated demux picks the routine, which runs (and answers now or at the release). A malformed request gets MIG's error reply and its other rights are destroyed.</summary>
    private async Task OnCall(MachMessage message)
    {
        var catcher = new Catcher(this);
        var result = RtCallsServer.Demux(message, catcher);
        await DeferredCalls.Finish(_env, message, catcher.Call, result.Reply);
    }

    /// <summary>
    /// exception_raise from an RT task's thread (every RT task's exception port is the server's): the task
    /// is ended as by rt_exit and marked faulted in the schedule (its remaining jobs never run); the reply
    /// is KERN_SUCCESS, or Failure for a task the server does not know.
    /// </summary>
    private async Task OnException(MachMessage message)
    {
        var (caught, error) = ExceptionCatcher.Demux(message);
        if (caught is not { } request)
        {
            await Answer(error);
            return;
        }
        var port = _clients.FirstOrDefault(c => c.Value.Task == request.Task).Key;
        if (port != PortName.Null)
        {
            if (_clients[port].Id >= 0) _schedule.Fault(_clients[port].Id);
            await End(port);
            Publish();
        }
        await Answer(Kernel.Mig.Interfaces.ExcServer.ExceptionRaiseReply(request.Reply, port != PortName.Null ? Kernel.KernReturn.Success : Kernel.KernReturn.Failure));
        await _env.PortDeallocate(request.Thread);
        await _env.PortDeallocate(request.Task);
    }

    /// <summary>
    /// A notification on the server's notify port. Dead-name (a task port died: the task was terminated
    /// by someone else, since the server forgets a task before it terminates one): the task is marked
    /// killed at now in the schedule (no more releases, its running job neither completes nor misses) and
    /// forgotten; the notification's extra reference to the dead name is released. Port-deleted and
    /// send-once notifications (a request whose name the server released first) need nothing.
    /// </summary>
    private async Task OnNotification(MachMessage message)
    {
        if (message.Header.Id != NotifyIds.DeadName || message.Body is not [MsgItem.Port { Name: var dead }]) return;
        var port = _clients.FirstOrDefault(c => c.Value.Task == dead).Key;
        if (port != PortName.Null)
        {
            if (_clients[port].Id >= 0) _schedule.Kill(_clients[port].Id, _env.Now);
            await End(port, terminate: false);
            Publish();
        }
        await _env.PortDeallocate(dead);
    }

    /// <summary>IRtCalls for one request: captures the routine as <see cref="Call"/> and answers MIG_NO_REPLY (the routine replies itself).</summary>
    private sealed class Catcher(RtServer s) : IRtCalls
    {
        public Func<Task>? Call { get; private set; }

        private int Defer(Func<Task> call)
        {
            Call = call;
            return (int)MigReturn.NoReply;
        }

        public int TaskCreate(PortName rt, MigReplyHandle reply, string name, long periodNs, long deadlineNs, int priority, int jobs, long costNs, out int id, out PortName task)
        {
            id = 0;
            task = PortName.Null;
            return Defer(() => s.DoTaskCreate(rt, reply, name, periodNs, deadlineNs, priority, jobs, costNs));
        }

        public int TaskStart(PortName rt, MigReplyHandle reply, int id, PortName thread) => Defer(() => s.DoTaskStart(rt, reply, id, thread));

        public int WaitNextPeriod(PortName rt, MigReplyHandle reply, out int job, out long releaseNs)
        {
            job = 0;
            releaseNs = 0;
            return Defer(() => s.DoWaitNextPeriod(rt, reply));
        }

        public int Misses(PortName rt, MigReplyHandle reply, out int mine, out int total)
        {
            mine = total = 0;
            return Defer(() => s.DoMisses(rt, reply));
        }

        public int Exit(PortName rt, MigReplyHandle reply) => Defer(() => s.DoExit(rt, reply));
    }
}
