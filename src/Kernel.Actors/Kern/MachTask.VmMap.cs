using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>vm_map of a memory object (docs/VM.md, as built: external pagers).</summary>
public sealed partial class MachTask
{
    /// <summary>
    /// VmMapCall: NULL maps anonymous memory at once (as vm_allocate). Otherwise an unaligned offset is
    /// InvalidArgument, a name without a send right here InvalidName, and the port is asked for its
    /// memory object (<see cref="MemoryObjectResolve"/>; an ordinary port or another kernel object
    /// answers InvalidArgument). MemoryObjectResolve arriving on this task's own port: not a memory
    /// object, InvalidArgument. False for other calls.
    /// </summary>
    private bool OnVmMapCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case VmMapCall m when m.MemoryObject == PortName.Null:
                var code = Map.Map(m.Address, m.Size, m.Mask, m.Anywhere, null, 0, false, m.Protection, m.MaxProtection, m.Inheritance, out var at);
                reply.Send(new VmMapped(code, at), Self);
                ApplyMapEffects(code, null);
                return true;
            case VmMapCall m when m.Offset % (ulong)PageSize != 0:
                reply.Send(new VmMapped(KernReturn.InvalidArgument, 0), Self);
                return true;
            case VmMapCall m:
                if (SendRight(m.MemoryObject) is not { } port) reply.Send(new VmMapped(KernReturn.InvalidName, 0), Self);
                else port.Actor.Tell(new PortKernelCall(new MemoryObjectResolve(m, Self), reply), Self);
                return true;
            case MemoryObjectResolve r:
                reply.Send(CallFailures.For(r, KernReturn.InvalidArgument), Self);
                return true;
            case VmMapFor f when f.Map.MemoryObject != PortName.Null && f.Map.Offset % (ulong)PageSize != 0:
                reply.Send(new VmMapped(KernReturn.InvalidArgument, 0), Self);
                return true;
            case VmMapFor f:
                ResolveVmTask(f.Task, f, reply); // then OnVmTaskResolved: MapInto
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// VmMapFor, once the named task is known (from <see cref="OnVmTaskResolved"/>): anonymous memory is
    /// that task's own call; a memory object is resolved here, in the caller's space (InvalidName without
    /// a send right), and the resident memory's answer goes on to that task.
    /// </summary>
    private void MapInto(VmMapFor f, IActorRef task, CallerReply reply)
    {
        if (f.Map.MemoryObject == PortName.Null) task.Tell(new ForwardedCall(f.Map, reply), Self);
        else if (SendRight(f.Map.MemoryObject) is not { } port) reply.Send(new VmMapped(KernReturn.InvalidName, 0), Self);
        else port.Actor.Tell(new PortKernelCall(new MemoryObjectResolve(new VmMapInto(task, f.Map), Self), reply), Self);
    }

    /// <summary>
    /// MemoryObjectResolved: the memory object's VM object is known, with a reference held for this
    /// call. The map enters it (or a copy of it); the map's own reference (or the copy's on its source)
    /// is sent before the held one is released, so the object never sees zero references between.
    /// False for other messages.
    /// </summary>
    private bool OnVmMapMessage(object message)
    {
        if (message is MemoryObjectResolved { Call: VmMapInto into } resolved)
        {
            // vm_map for another task (or this one, by its port): the object was named here; that task maps it
            into.Task.Tell(resolved with { Call = into.Map }, Self);
            return true;
        }
        if (message is not MemoryObjectResolved { Call: VmMapCall m } r) return false;
        MapResolved(r, m);
        return true;
    }

    /// <summary>
    /// Maps the resolved memory object (see <see cref="OnVmMapMessage"/>). Its own method: the answer's
    /// closure would otherwise be allocated for every message the task tests here.
    /// </summary>
    private void MapResolved(MemoryObjectResolved r, VmMapCall m)
    {
        ObjectResolved(new VmObjectSpawned(r.ObjectId, r.Object));
        if (_terminated)
        {
            r.Reply.Send(new VmMapped(KernReturn.InvalidTask, 0), Self);
        }
        else
        {
            var code = Map.Map(m.Address, m.Size, m.Mask, m.Anywhere, new VmObjectRef(r.ObjectId, r.Object) { External = true }, m.Offset, m.Copy, m.Protection, m.MaxProtection, m.Inheritance, out var at);
            ApplyMapEffects(code, null, () => r.Reply.Send(new VmMapped(code, at), Self)); // a copy: answered once its object is made
        }
        r.Object.Tell(ObjectRelease.Instance, Self);
    }
}
