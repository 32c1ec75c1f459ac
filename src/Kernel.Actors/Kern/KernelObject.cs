using MachActors.Actors;
using MachActors.Hardware.Cpu;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Base of the kernel's objects (host, processor sets, tasks, threads): a call arrives either from a
/// thread, wrapped by its CPU in a <see cref="KernelCall"/>, or straight from host code (Ask); both
/// reach <see cref="OnCall"/> with a <see cref="CallerReply"/> that answers the right way. A message
/// on the object's kernel port (<see cref="KernelPortMessage"/>) goes to <see cref="OnPortMessage"/>,
/// whose MIG demux turns it into the same calls (<see cref="Defer"/>), answered by a reply message.
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
            case KernelPortMessage arrived:
                OnPortMessage(new KernelPortRequest(arrived.Message));
                break;
            default:
                OnOther(message);
                break;
        }
    }

    /// <summary>Serves one call; must answer it through <paramref name="reply"/> (now, after a wait, or by forwarding it).</summary>
    protected abstract void OnCall(object request, CallerReply reply);

    /// <summary>
    /// Serves a MIG request that arrived on the object's kernel port (docs/IPC.md rule 7): normally
    /// its generated demux through <see cref="ServeMig"/>. Default: MIG_BAD_ID (the object serves no subsystem).
    /// </summary>
    protected virtual void OnPortMessage(KernelPortRequest request) => RefuseMig(request, Self);

    /// <summary>Answers <paramref name="request"/> MIG_BAD_ID (when it has a reply port) and releases its rights, as <paramref name="self"/>: a port whose kernel object serves no subsystem.</summary>
    internal static void RefuseMig(KernelPortRequest request, IActorRef self) =>
        ServeMigAs(request, r => MigServer.Fail(MigReplyHandle.For(r.Message), MigReturn.BadId), self);

    /// <summary>
    /// Runs <paramref name="demux"/> on <paramref name="request"/>: an immediate reply (an error such as
    /// MIG_BAD_ID or MIG_BAD_ARGUMENTS, or a routine answered at once) is sent and the unclaimed rights
    /// released. A routine that deferred (MIG_NO_REPLY through <see cref="Defer"/>) handed the request to its call.
    /// </summary>
    protected void ServeMig(KernelPortRequest request, Func<KernelPortRequest, MigDemuxResult> demux) => ServeMigAs(request, demux, Self);

    private static void ServeMigAs(KernelPortRequest request, Func<KernelPortRequest, MigDemuxResult> demux, IActorRef self)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(demux);
        var result = demux(request);
        if (result.RetCode == (int)MigReturn.NoReply) return;
        if (result.Reply is { } reply) request.SendReply(reply, self);
        else request.Abandon(self);
    }

    /// <summary>
    /// Serves a MIG routine as one of the object's calls: the unclaimed rights of the request are
    /// released, then <paramref name="call"/> goes to <see cref="OnCall"/> with a <see cref="CallerReply"/>
    /// whose answer <paramref name="build"/> turns into the reply message (now or later). Returns
    /// MIG_NO_REPLY for the routine to return.
    /// </summary>
    internal int Defer(KernelPortRequest request, object call, Func<object?, KernelPortRequest, MachMessage?> build)
    {
        request.ReleaseUnclaimed(Self);
        OnCall(call, CallerReply.ForMessage(Self, new MigCallReply(request, build)));
        return (int)MigReturn.NoReply;
    }

    /// <summary>Handles a message that is not a call. Default: unhandled.</summary>
    protected virtual void OnOther(object message) => Unhandled(message);

    /// <summary>Passes a call on to <paramref name="target"/>, which answers the original caller.</summary>
    protected void Forward(IActorRef target, object request, CallerReply reply) => target.Tell(new ForwardedCall(request, reply), Self);
}
