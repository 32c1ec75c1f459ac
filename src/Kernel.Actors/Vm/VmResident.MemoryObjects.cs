using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The resident memory is the kernel object of every memory object port (docs/VM.md, as built:
/// external pagers): it makes the ports for pagers, keeps the <see cref="MemoryObjectRegistry"/>, and
/// makes each memory object's one VM object (its child, like every VM object, so shadows and evictions
/// find it by id).
/// </summary>
public sealed partial class VmResident
{
    private readonly MemoryObjectRegistry _memoryObjects = new();
    private long _nextMemoryObject;

    /// <summary>
    /// MemoryObjectPortCreate: a new kernel port whose kernel object is this actor, registered for the
    /// pager and key; answered MemoryObjectPortCreated. ForwardedCall of MemoryObjectResolve (a task's
    /// vm_map, through the port, which is the sender): the memory object's VM object is found or made
    /// (made: bound to the pager, so it sends init; its first reference is the caller's), a found one
    /// gets a reference for the caller, and the caller is told (MemoryObjectResolved). Any other call
    /// through a memory object port: InvalidArgument. KernelPortMessage (a task sent a message on a
    /// memory object port): MIG_BAD_ID to its reply port and its rights released; the pager protocol
    /// runs between the kernel and the pager actor, so a task cannot speak for the kernel. Terminated of
    /// a pager (watched from its first port on): its ports are forgotten and destroyed, as the pager held
    /// their receive rights, so holders see dead names and a vm_map of them is refused (InvalidArgument);
    /// VM objects already made take their own death path. False for other messages.
    /// </summary>
    private bool OnMemoryObjectMessage(object message)
    {
        switch (message)
        {
            case MemoryObjectPortCreate c:
                var pager = c.Pager ?? Sender;
                var actor = Context.Spawn(Port.ForKernelObject(Self));
                var port = new PortRef(actor.Id.Value, actor);
                _memoryObjects.Register(port, pager, c.Key);
                Context.Watch(pager);
                Sender.Tell(new MemoryObjectPortCreated(c.Key, port), Self);
                return true;
            case ForwardedCall { Request: MemoryObjectResolve r } f:
                Resolve(r, f.Reply);
                return true;
            case ForwardedCall f:
                f.Reply.Send(CallFailures.For(f.Request, KernReturn.InvalidArgument), Self);
                return true;
            case KernelPortMessage arrived:
                KernelObject.RefuseMig(new KernelPortRequest(arrived.Message), Self);
                return true;
            case Terminated t:
                foreach (var entry in _memoryObjects.PagerDied(t.ActorRef)) entry.Port.Actor.Tell(PortDestroyReceive.Instance, Self);
                return true;
            default:
                return false;
        }
    }

    private void Resolve(MemoryObjectResolve r, CallerReply reply)
    {
        if (_memoryObjects.Resolve(Sender.Id.Value, SpawnExternal) is not { } found)
        {
            reply.Send(CallFailures.For(r, KernReturn.InvalidArgument), Self);
            return;
        }
        if (!found.Made) found.Object.Actor!.Tell(ObjectReference.Instance, Self);
        r.Caller.Tell(new MemoryObjectResolved(r.Call, found.Object.Id, found.Object.Actor!, reply), Self);
    }

    private VmObjectRef SpawnExternal(MemoryObjectEntry entry)
    {
        var id = (Self.Id.Value << 24) + ++_nextMemoryObject;
        var timeout = _pagerTimeout;
        var pageSize = _pageSize;
        var external = new VmExternalPager(entry.Pager, entry.Key);
        var bugs = _seededBugs;
        var made = Context.Spawn(Props.Create(() => new VmObject(id, pageSize, Self, timeout, null, null, external, bugs)));
        _objects[id] = made;
        _status?.VmObjects(1);
        return new VmObjectRef(id, made);
    }
}
