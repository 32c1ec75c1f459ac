using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>The KernelPortCall trap (a kernel call naming its object by a send right in this task's space) and the answers relayed back through it.</summary>
public sealed partial class MachTask
{
    /// <summary>
    /// Preconditions: <paramref name="call"/>'s target names a send right here (else the call's failure
    /// with InvalidName). The call goes to the target's port, which passes it to its object (a dead port
    /// answers InvalidArgument). A call that makes an object (thread_create, task_create,
    /// processor_set_create, processor_set_default) is answered through this task, which names the
    /// object's port in the space first (<see cref="OnRelayedAnswer"/>). <see cref="WithProcessorSet"/>:
    /// the set's name must hold a send right too (else InvalidName); the call goes to the set's port first.
    /// </summary>
    private void ServeKernelPortCall(KernelPortCall call, CallerReply reply)
    {
        if (SendRight(call.Target) is not { } port)
        {
            reply.Send(CallFailures.For(call.Request, KernReturn.InvalidName), Self);
            return;
        }
        switch (call.Request)
        {
            case WithProcessorSet w when SendRight(w.Set) is { } set:
                set.Actor.Tell(new PortKernelCall(new ResolveProcessorSet(port, w.Make), reply), Self);
                break;
            case WithProcessorSet:
                reply.Send(KernReturn.InvalidName, Self);
                break;
            case ThreadCreate or TaskCreate or ProcessorSetCreate or ProcessorSetDefault:
                port.Actor.Tell(new PortKernelCall(call.Request, reply with { Relay = new CallRelay(Self, reply) }), Self);
                break;
            default:
                port.Actor.Tell(new PortKernelCall(call.Request, reply), Self);
                break;
        }
    }

    /// <summary>The port <paramref name="name"/> holds a send right for, or null.</summary>
    private PortRef? SendRight(PortName name) => _space.Lookup(name) is { Port: { } port } entry && entry.Has(PortType.Send) ? port : null;

    /// <summary>
    /// A relayed answer: the new object's port gets a send right in this space (counted as made, rule 3;
    /// merged with a right already held), and the answer carries its name. After termination the
    /// answer passes on unnamed.
    /// </summary>
    private void OnRelayedAnswer(RelayedAnswer answer)
    {
        var named = _terminated ? answer.Result : answer.Result switch
        {
            ThreadCreated { Thread: { } t } c => c with { Port = _space.InsertMadeSend(t.Port) },
            TaskCreated { Task: { } t } c => c with { Port = _space.InsertMadeSend(t.Port) },
            ProcessorSetCreated { Set.Port: { } p } c => c with { Port = _space.InsertMadeSend(p) },
            var other => other,
        };
        ApplySpaceEffects();
        answer.Original.Send(named, Self);
    }
}
