using MachActors.Actors;
using MachActors.Hardware.Cpu;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Base of the kernel's objects (host, processor sets, tasks, threads): a call arrives either from a
/// thread, wrapped by its CPU in a <see cref="KernelCall"/>, or straight from host code (Ask); both
/// reach <see cref="OnCall"/> with a <see cref="CallerReply"/> that answers the right way. When IPC
/// lands, a port in front of the object turns messages into these calls.
/// </summary>
public abstract class KernelObject : Actor
{
    /// <summary>Unwraps calls and hands everything else to <see cref="OnOther"/>.</summary>
    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case KernelCall call:
                OnCall(call.Request, new CallerReply(Sender, call.CallId, call.ThreadId, call.Scheduler));
                break;
            case ForwardedCall forwarded:
                OnCall(forwarded.Request, forwarded.Reply);
                break;
            case KernelRequest request:
                OnCall(request, new CallerReply(Sender, null, null, null));
                break;
            default:
                OnOther(message);
                break;
        }
    }

    /// <summary>Serves one call; must answer it through <paramref name="reply"/> (now, after a wait, or by forwarding it).</summary>
    protected abstract void OnCall(object request, CallerReply reply);

    /// <summary>Handles a message that is not a call. Default: unhandled.</summary>
    protected virtual void OnOther(object message) => Unhandled(message);

    /// <summary>Passes a call on to <paramref name="target"/>, which answers the original caller.</summary>
    protected void Forward(IActorRef target, object request, CallerReply reply) => target.Tell(new ForwardedCall(request, reply), Self);
}
