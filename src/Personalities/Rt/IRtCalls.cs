using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Personalities.Rt;

/// <summary>
/// Subsystem <c>rt</c> (base 102000, next to UNIX's 101000): the real-time executive's calls, which the
/// emulation library sends to the calling task's own port in the RT server (docs/RT.md). Every routine
/// has a reply handle (wait-next-period is answered at the release) and answers RetCode 0 and its
/// results, or MIG's short error reply whose RetCode is an <see cref="RtError"/>. Generated:
/// <c>RtCallsClient</c>, <c>RtCallsServer</c>.
/// </summary>
[MigSubsystem("rt", 102000)]
public interface IRtCalls
{
    /// <summary>rt_task_create: admits a periodic task (times in nanoseconds) and makes its Mach task; its id and a send right to the task's port, to create its thread on.</summary>
    [MigRoutine]
    int TaskCreate(PortName rt, MigReplyHandle reply, [MigMaxCount(63)] string name, long periodNs, long deadlineNs, int priority, int jobs, long costNs,
        out int id, [MigPort(MsgType.CopySend)] out PortName task);

    /// <summary>rt_task_create's second half: the server gives the new task's thread its fixed priority and starts it (the send right is the server's to keep).</summary>
    [MigRoutine]
    int TaskStart(PortName rt, MigReplyHandle reply, int id, [MigPort(MsgType.MoveSend)] PortName thread);

    /// <summary>rt_wait_next_period: completes the caller's running job and returns at its next release (job -1: all jobs have run).</summary>
    [MigRoutine]
    int WaitNextPeriod(PortName rt, MigReplyHandle reply, out int job, out long releaseNs);

    /// <summary>rt_misses: the caller's deadline misses so far and the whole executive's.</summary>
    [MigRoutine]
    int Misses(PortName rt, MigReplyHandle reply, out int mine, out int total);

    /// <summary>rt_exit: the caller's task is finished; the server terminates it (no reply).</summary>
    [MigRoutine]
    int Exit(PortName rt, MigReplyHandle reply);
}

/// <summary>The executive's error codes (the RetCode of an error reply; MIG and mach_msg codes are above 1000).</summary>
public enum RtError
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>A bad task spec (see <see cref="RtTaskSpec.Problem"/>), or a task id that is not the caller's.</summary>
    Invalid = 22,

    /// <summary>The kernel refused (task or thread creation, the priority).</summary>
    Kernel = 35,

    /// <summary>The call could not reach the server (not an RT task, ENOSYS in UNIX terms).</summary>
    NoSys = 78,

    /// <summary>The server answered with a MIG or mach_msg failure (it is dead, e.g.).</summary>
    Io = 5,
}
