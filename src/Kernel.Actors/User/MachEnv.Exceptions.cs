using MachActors.Actors.Timing;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.User;

/// <summary>Exceptions (spec section 6, docs/IPC.md "Exceptions"): raising one, and serving exception_raise as a handler.</summary>
public sealed partial class MachEnv
{
    /// <summary>
    /// Raises an exception in the calling thread (a breakpoint, a software exception, an illegal
    /// instruction the program "executes"): the thread stops while exception_raise goes to its thread's,
    /// then its task's, exception port. Returns Success when a handler answered KERN_SUCCESS (the program
    /// goes on after the raise), Aborted when thread_abort ended the wait. With no handler that accepts,
    /// the task is terminated and this never returns.
    /// </summary>
    public TrapAwaitable<KernReturn> RaiseException(ExceptionType type, int code = 0, int subcode = 0) =>
        Call<KernReturn>(Self.Ref, new RaiseException(new MachException(type, code, subcode)));

    /// <summary>
    /// One turn of an exception server: receives a message on <paramref name="port"/> (a receive right
    /// the program set as a thread or task exception port), runs the generated <c>ExcServer</c> demux
    /// on it and calls <paramref name="handler"/> with the request. The handler's verdict is the reply:
    /// KERN_SUCCESS resumes the thread, another code passes the exception on; MIG_NO_REPLY sends nothing
    /// (the handler kept <see cref="ExceptionRequest.Reply"/> and answers later with <see cref="ExceptionReply"/>).
    /// The request's thread and task send rights are deallocated after the handler returns (add a uref
    /// to keep one). A message that is not exception_raise gets MIG's error reply, and the other rights
    /// it carried are destroyed (<see cref="MachMsgDestroy"/>). Returns the receive's
    /// code (a receive that fails returns its code and calls nothing).
    /// </summary>
    public async Task<MachMsgReturn> ExceptionServerOnce(PortName port, Func<ExceptionRequest, Task<KernReturn>> handler, Duration? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var received = await Receive(port, timeout);
        if (received.Return != MachMsgReturn.Success || received.Message is not { } message) return received.Return;
        var catcher = new Catcher();
        var result = ExcServer.Demux(message, catcher);
        if (catcher.Request is not { } request)
        {
            // MIG's server loop: the error reply uses the request's reply right; every other right it brought is destroyed.
            if (result.Reply is { } error && (await Send(error)).Return == MachMsgReturn.Success)
            {
                message = message with { Header = message.Header with { Remote = PortName.Null, RemoteDisposition = MsgType.None } };
            }
            await MachMsgDestroy(message);
            return MachMsgReturn.Success;
        }
        var verdict = await handler(request);
        if ((int)verdict != (int)MigReturn.NoReply && ExcServer.ExceptionRaiseReply(request.Reply, verdict) is { } reply) await Send(reply);
        await PortDeallocate(request.Thread);
        await PortDeallocate(request.Task);
        return MachMsgReturn.Success;
    }

    /// <summary>A deferred answer to exception_raise (the handler returned MIG_NO_REPLY): sends <paramref name="verdict"/> through <paramref name="reply"/>.</summary>
    public async Task<MachMsgReturn> ExceptionReply(MigReplyHandle reply, KernReturn verdict) =>
        ExcServer.ExceptionRaiseReply(reply, verdict) is { } message ? (await Send(message)).Return : MachMsgReturn.SendInvalidDest;

    /// <summary>Captures the request the demux unmarshals; the server loop answers it after the handler ran.</summary>
    private sealed class Catcher : IExc
    {
        public ExceptionRequest? Request { get; private set; }

        public KernReturn ExceptionRaise(PortName exceptionPort, MigReplyHandle reply, PortName thread, PortName task, int exception, int code, int subcode)
        {
            Request = new ExceptionRequest(thread, task, new MachException((ExceptionType)exception, code, subcode), reply);
            return (KernReturn)MigReturn.NoReply;
        }
    }
}
