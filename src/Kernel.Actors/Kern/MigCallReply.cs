using MachActors.Actors;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The answer path of a call that arrived as a MIG message on a kernel port: the call's result
/// record (KernReturn, TaskCreated, ThreadInfoReply, ...) is turned into the routine's reply message
/// by <paramref name="build"/> and sent through the request's reply right. It travels inside a
/// <see cref="CallerReply"/> with the call, so whoever finishes the call (the object, its processor
/// set, later) answers; only the first answer is sent.
/// </summary>
/// <param name="request">The request (its reply right and the names of the rights given in the reply).</param>
/// <param name="build">Builds the reply from the result, giving rights through the request; null: no reply right.</param>
internal sealed class MigCallReply(KernelPortRequest request, Func<object?, KernelPortRequest, MachMessage?> build)
{
    /// <summary>Builds and sends the reply for <paramref name="result"/>, as <paramref name="self"/>.</summary>
    public void Send(object? result, IActorRef? self)
    {
        if (build(result, request) is { } reply) request.SendReply(reply, self);
        else request.Abandon(self);
    }
}
