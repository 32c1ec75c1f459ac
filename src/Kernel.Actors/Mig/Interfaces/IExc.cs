using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>exc</c> (base 2400): exception delivery (spec section 6). The kernel calls
/// exception_raise on the thread's, then the task's, exception port; a handler (the C
/// <c>catch_exception_raise</c>) implements this interface. Generated: <c>ExcClient</c>, <c>ExcServer</c>.
/// </summary>
[MigSubsystem("exc", 2400)]
public interface IExc
{
    /// <summary>
    /// exception_raise (2400, reply 2500). KERN_SUCCESS resumes the thread; any other code (or a
    /// malformed reply) sends the exception on to the next level. A handler (a debugger) may keep the
    /// reply handle, return MIG_NO_REPLY and answer later to keep the thread parked.
    /// </summary>
    /// <param name="exceptionPort">The exception port.</param>
    /// <param name="reply">The request's reply right, for a deferred answer.</param>
    /// <param name="thread">A send right to the faulting thread's port.</param>
    /// <param name="task">A send right to its task's port.</param>
    /// <param name="exception">EXC_BAD_ACCESS 1 .. EXC_BREAKPOINT 6.</param>
    /// <param name="code">The machine-dependent code.</param>
    /// <param name="subcode">The machine-dependent subcode.</param>
    /// <returns>The handler's verdict.</returns>
    [MigRoutine]
    KernReturn ExceptionRaise(PortName exceptionPort, MigReplyHandle reply, [MigPort(MsgType.CopySend)] PortName thread,
        [MigPort(MsgType.CopySend)] PortName task, int exception, int code, int subcode);
}
