using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;

namespace MachActors.Personalities;

/// <summary>The exc subsystem's side of a personality server (UNIX, RT): catches one exception_raise and defers its reply (the server answers once it has dealt with the task).</summary>
internal sealed class ExceptionCatcher : Kernel.Mig.Interfaces.IExc
{
    /// <summary>Demultiplexes <paramref name="message"/> on the exc subsystem: the exception_raise request, or null and MIG's error reply to send (null when there is none).</summary>
    public static (ExceptionRequest? Request, MachMessage? ErrorReply) Demux(MachMessage message)
    {
        var catcher = new ExceptionCatcher();
        var result = Kernel.Mig.Interfaces.ExcServer.Demux(message, catcher);
        return (catcher.Request, catcher.Request is null ? result.Reply : null);
    }

    /// <summary>The request, or null when the message was not one.</summary>
    public ExceptionRequest? Request { get; private set; }

    /// <inheritdoc />
    public KernReturn ExceptionRaise(PortName exceptionPort, MigReplyHandle reply, PortName thread, PortName task, int exception, int code, int subcode)
    {
        Request = new ExceptionRequest(thread, task, new MachException((ExceptionType)exception, code, subcode), reply);
        return (KernReturn)MigReturn.NoReply;
    }
}
