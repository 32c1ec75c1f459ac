using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Personalities.Rt.Emulation;

/// <summary>
/// The executive's emulation library on one thread of an RT task (docs/RT.md): each call is a trap
/// (<see cref="MachEnv.Syscall"/>) that the task's emulation vector, set by the RT server, turns back
/// to user mode in this library's handler; the handler makes the MIG RPC (<c>RtCallsClient</c>) to the
/// task's port in the server, its bootstrap port. A task whose vector lacks the number (a UNIX process,
/// say) gets no RT service: the kernel raises the bad-syscall exception.
/// </summary>
public sealed class RtEnv
{
    private PortName _server;

    /// <summary>The library over the calling thread's machine view.</summary>
    public RtEnv(MachEnv mach)
    {
        ArgumentNullException.ThrowIfNull(mach);
        Mach = mach;
    }

    /// <summary>The thread's machine view (compute, memory).</summary>
    public MachEnv Mach { get; }

    /// <summary>The index of the job running now (-1 before the first release).</summary>
    public int Job { get; private set; } = -1;

    /// <summary>The nominal release of the running job.</summary>
    public VirtualTime Release { get; private set; }

    /// <summary>
    /// rt_task_create: asks the server to admit a periodic task; it makes a Mach task (with this
    /// executive's vector); this library creates the task's thread, which runs <paramref name="body"/> once
    /// per job (between waits for the next period), and hands the thread to the server, which gives it its
    /// fixed priority and starts it. The task's id, or Invalid (bad spec) / Kernel / NoSys / Io.
    /// </summary>
    public async Task<(RtError Error, int Id)> TaskCreate(RtTaskSpec spec, Func<RtEnv, Task> body)
    {
        var (error, id, task) = await TaskCreateWithPort(spec, body);
        if (task != PortName.Null) await Mach.PortDeallocate(task);
        return (error, id);
    }

    /// <summary>
    /// As <see cref="TaskCreate"/>, and the caller also gets a send right to the new task's port (NULL
    /// when the task could not be made), to suspend or terminate it with Mach calls; the server notices a
    /// task terminated this way and reports it killed.
    /// </summary>
    public async Task<(RtError Error, int Id, PortName Task)> TaskCreateWithPort(RtTaskSpec spec, Func<RtEnv, Task> body)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(body);
        var (entered, server) = await Enter(RtSyscalls.TaskCreate);
        if (entered != RtError.None) return (entered, -1, PortName.Null);
        var r = await Stub.TaskCreateAsync(server, spec.Name, spec.Period.Nanoseconds, spec.Deadline.Nanoseconds, spec.Priority, spec.Jobs, spec.Cost.Nanoseconds);
        if (Map(r.RetCode) is var error and not RtError.None) return (error, -1, PortName.Null);
        ThreadBody loop = async env =>
        {
            var rt = new RtEnv(env);
            while ((await rt.WaitNextPeriod()).Error == RtError.None && rt.Job >= 0) await body(rt);
            await rt.Exit();
            return null;
        };
        var (created, thread) = await Mach.ThreadCreate(r.Task, loop, spec.Name);
        // Started either way: with no thread the server ends the task (marked faulted) instead of waiting for it.
        var started = Map(await Stub.TaskStartAsync(server, r.Id, created == KernReturn.Success ? thread : PortName.Null));
        return created == KernReturn.Success ? (started, r.Id, r.Task) : (RtError.Kernel, -1, r.Task);
    }

    /// <summary>
    /// rt_wait_next_period: reports the running job complete (the server checks its deadline) and blocks
    /// until the next job's release; afterwards <see cref="Job"/> and <see cref="Release"/> name it, Job -1
    /// when the task has run all its jobs. The library's task loop calls it; a program that writes its own
    /// loop on a thread of an RT task may too.
    /// </summary>
    public async Task<(RtError Error, int Job)> WaitNextPeriod()
    {
        var (entered, server) = await Enter(RtSyscalls.WaitNextPeriod);
        if (entered != RtError.None) return (entered, -1);
        var r = await Stub.WaitNextPeriodAsync(server);
        var error = Map(r.RetCode);
        Job = error == RtError.None ? r.Job : -1;
        Release = new VirtualTime(r.ReleaseNs);
        return (error, Job);
    }

    /// <summary>rt_now: the machine's virtual time, answered in the library (no RPC).</summary>
    public async Task<(RtError Error, VirtualTime Now)> Now()
    {
        var redirect = await Mach.Syscall(RtSyscalls.Now);
        return redirect.Handler == RtSyscalls.EntryFor(RtSyscalls.Now) ? (RtError.None, Mach.Now) : (RtError.NoSys, default);
    }

    /// <summary>rt_misses: the calling task's deadline misses so far, and the whole executive's.</summary>
    public async Task<(RtError Error, int Mine, int Total)> Misses()
    {
        var (entered, server) = await Enter(RtSyscalls.Misses);
        if (entered != RtError.None) return (entered, 0, 0);
        var r = await Stub.MissesAsync(server);
        return (Map(r.RetCode), r.Mine, r.Total);
    }

    /// <summary>rt_exit: the calling task is finished; the server terminates it, so this never returns (unless the call cannot be made: then the thread ends).</summary>
    public async Task Exit()
    {
        var (entered, server) = await Enter(RtSyscalls.Exit);
        if (entered == RtError.None) await Stub.ExitAsync(server);
        await Mach.Exit();
    }

    /// <summary>Burns <paramref name="cost"/> of CPU time (the job's computation: that many cycles at the machine's clock).</summary>
    public async Task Compute(Duration cost)
    {
        var cycles = Mach.Machine.DurationToCycles(cost);
        if (cycles > 0) await Mach.Compute(cycles);
    }

    /// <summary>The trap; when the vector redirects it to this library's entry, the server's port (the task's bootstrap port, read once).</summary>
    private async Task<(RtError Error, PortName Server)> Enter(int number)
    {
        var redirect = await Mach.Syscall(number);
        if (redirect.Handler != RtSyscalls.EntryFor(number)) return (RtError.NoSys, PortName.Null);
        if (_server == PortName.Null)
        {
            var (code, port) = await Mach.TaskGetSpecialPort(Mach.TaskSelf, SpecialPorts.Bootstrap);
            if (code != KernReturn.Success || port == PortName.Null) return (RtError.NoSys, PortName.Null);
            _server = port;
        }
        return (RtError.None, _server);
    }

    private RtCallsClient Stub => new(Mach);

    /// <summary>An RPC's RetCode as an error: the server's codes as they are, MIG and mach_msg codes (a dead server) Io.</summary>
    private static RtError Map(int code) => code switch
    {
        0 => RtError.None,
        > 0 and < 1000 => (RtError)code,
        _ => RtError.Io,
    };
}
