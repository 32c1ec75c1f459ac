using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Personalities.Rt.Emulation;
using MachActors.Personalities.Rt.Server;

namespace MachActors.Personalities.Rt;

/// <summary>
/// The real-time executive's server: a user-level Mach task (docs/RT.md) beside any other personality.
/// It owns the release schedule (<see cref="RtSchedule"/>): each RT task's thread waits for its next
/// period in an RPC (rt_wait_next_period) whose reply the server keeps until the release, which its one
/// thread times with a mach_msg receive timeout on its port set, so releases follow virtual time exactly.
/// The server runs at <see cref="RtPriorities.Server"/> and gives each task's thread its fixed priority
/// (thread_policy POLICY_FIXEDPRI, thread_priority), above every timesharing thread: a released job
/// preempts UNIX processes and timesharing work at once. Each completion is checked against its deadline
/// and the statistics go to <see cref="RtConfig.Report"/>. A task that faults (its body throws) raises its exception to the server, which ends it and marks it
/// faulted; a task killed from outside is seen by a dead-name notification on its task port and marked
/// killed. On several CPUs the server binds each task's thread to one CPU (partitioned scheduling,
/// <see cref="RtSchedule.PlaceAll"/>) and its own thread to CPU 0. Split: .Catcher (the demux side,
/// exceptions, notifications), .Tasks (the calls), .Placement (binding).
/// </summary>
public sealed partial class RtServer
{
    private readonly MachEnv _env;
    private readonly RtConfig _config;
    private readonly Dictionary<PortName, Client> _clients = [];
    private RtSchedule _schedule = new(default);
    private PortName _set, _exceptionPort, _notifyPort;
    private int _cpus = 1;

    private RtServer(MachEnv env, RtConfig config)
    {
        _env = env;
        _config = config;
    }

    /// <summary>The server's program, to register with the machine's <see cref="ProgramRegistry"/>.</summary>
    public static MachProgram Program(RtConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (env, _) => new RtServer(env, config).Run();
    }

    /// <summary>Registers the server as <paramref name="name"/> in <paramref name="programs"/>.</summary>
    public static ProgramRegistry Register(ProgramRegistry programs, RtConfig config, string name = "rt")
    {
        ArgumentNullException.ThrowIfNull(programs);
        return programs.Register(name, Program(config), "the real-time executive's server (docs/RT.md)");
    }

    /// <summary>
    /// Boots (its own fixed priority and CPU, the port set with the exception and notification ports, the
    /// main task), then serves and releases until every RT task has exited; at the epoch it places the
    /// admitted tasks on the CPUs before their first release.
    /// </summary>
    private async Task Run()
    {
        await _env.ThreadPolicy(_env.ThreadSelf, SchedPolicy.FixedPriority);
        await _env.ThreadPriority(_env.ThreadSelf, RtPriorities.Server);
        _cpus = _config.SeededBugs.HasFlag(RtSeededBugs.OneCpu) ? 1 : Math.Max(1, _env.Machine.CpuCount);
        await _env.ThreadBind(_env.ThreadSelf, 0); // the tasks are bound (local queues come first): so must the releases be
        _set = (await _env.PortAllocate(PortRight.PortSet)).Name;
        _exceptionPort = await _env.MachReplyPort();
        await _env.PortInsertRight(_exceptionPort, _exceptionPort, MsgType.MakeSend);
        await _env.PortMoveMember(_exceptionPort, _set);
        _notifyPort = await _env.MachReplyPort();
        await _env.PortMoveMember(_notifyPort, _set);
        _schedule = new RtSchedule(_env.Now + _config.StartDelay, _config.SeededBugs);
        if (await StartMain() != RtError.None) return;
        while (_clients.Count > 0)
        {
            var received = await _env.Receive(_set, TimeToNextRelease());
            if (received.Return == MachMsgReturn.Success && received.Message is { } message)
            {
                if (message.Header.Local == _exceptionPort) await OnException(message);
                else if (message.Header.Local == _notifyPort) await OnNotification(message);
                else await OnCall(message);
            }
            if (!_schedule.Placed && _env.Now >= _schedule.Epoch) await PlaceAll();
            await ReleaseDue();
        }
        Publish(finished: true);
    }

    /// <summary>How long the loop may wait for a message: until the earliest waited-for release (zero when it has come), forever when none waits.</summary>
    private Duration? TimeToNextRelease()
    {
        if (_schedule.NextRelease() is not { } at) return null;
        var now = _env.Now;
        return at > now ? at - now : Duration.FromNanoseconds(0);
    }

    /// <summary>The one call that will never be answered (rt_exit): its reply right is released.</summary>
    private async Task Drop(MigReplyHandle reply)
    {
        if (!reply.IsNull) await _env.PortDeallocate(reply.Port);
    }

    /// <summary>Sends <paramref name="reply"/> (null: nothing to send, the request had no reply port).</summary>
    private async Task Answer(MachMessage? reply)
    {
        if (reply is not null) await _env.Send(reply);
    }

    /// <summary>The short error reply carrying <paramref name="error"/>.</summary>
    private Task Fail(MigReplyHandle reply, RtError error) => Answer(MigServer.ErrorReply(reply, (int)error));

    /// <summary>
    /// A task the server serves: its Mach task (with a dead-name request), its id in the schedule (-1 for
    /// the main task), the port of the task that created it, its thread once started (kept to bind it),
    /// and a wait-next-period reply kept until the release.
    /// </summary>
    private sealed class Client(PortName task, int id, PortName creator)
    {
        public PortName Task { get; } = task;

        public int Id { get; } = id;

        public PortName Creator { get; } = creator;

        public bool Started { get; set; }

        public PortName Thread { get; set; }

        public MigReplyHandle? Waiting { get; set; }
    }
}
