using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// vm_copy, vm_read and vm_write as virtual copies (<see cref="VmMap.CopyIn"/>, <see cref="VmMap.CopyOut"/>,
/// <see cref="VmMap.CopyOverwrite"/>, <see cref="VmMap.Copy"/>): copy-on-write, as fork's Copy inheritance.
/// A copy leaves the task that took it only after the shootdown of the source's write-protections, so
/// no CPU can still write a page the copy names. Its references travel with it.
/// </summary>
public sealed partial class MachTask
{
    /// <summary>
    /// VmCopyCall: within this task, answered after the shootdown. VmReadCall, VmWriteCall (to the
    /// calling task): the task port is resolved first (InvalidName when the name holds no send right
    /// here; InvalidTask when the port is not a live task's), so nothing is copied before the task is
    /// known. VmTaskResolve: this task is the one named. False for other calls.
    /// </summary>
    private bool OnVmCopyCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case VmCopyCall c:
                ApplyMapEffects(Map.Copy(c.Source, c.Size, c.Destination), reply);
                return true;
            case VmReadCall { Task: var task }:
                ResolveVmTask(task, (KernelRequest)request, reply);
                return true;
            case VmWriteCall { Task: var task }:
                ResolveVmTask(task, (KernelRequest)request, reply);
                return true;
            case VmTaskResolve r:
                r.Caller.Tell(new VmTaskResolved(r.Call, Self, reply), Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The copy messages between tasks (see the records). False for other messages.</summary>
    private bool OnVmCopyMessage(object message)
    {
        switch (message)
        {
            case VmTaskResolved r:
                OnVmTaskResolved(r);
                return true;
            case VmCopyInFor c:
                CopyInFor(c);
                return true;
            case VmCopiedIn c:
                CopyOutRead(c);
                return true;
            case VmOverwriteWith o:
                Overwrite(o);
                return true;
            case ObjectOverwriteDone done:
                OverwriteDone(done);
                return true;
            default:
                return false;
        }
    }

    private void ResolveVmTask(PortName task, KernelRequest call, CallerReply reply)
    {
        if (SendRight(task) is not { } port)
        {
            reply.Send(CallFailures.For(call, KernReturn.InvalidName), Self);
            return;
        }
        port.Actor.Tell(new PortKernelCall(new VmTaskResolve(call, Self), reply), Self);
    }

    /// <summary>
    /// The named task is known. vm_read: it is asked for the copy. vm_write: the caller's data is copied
    /// in here (InvalidArgument first when an address or the size is unaligned) and sent to be written.
    /// </summary>
    private void OnVmTaskResolved(VmTaskResolved resolved)
    {
        if (_terminated)
        {
            resolved.Reply.Send(CallFailures.For(resolved.Call, KernReturn.InvalidTask), Self);
            return;
        }
        switch (resolved.Call)
        {
            case VmMapFor map:
                MapInto(map, resolved.Task, resolved.Reply);
                break;
            case VmReadCall read:
                resolved.Task.Tell(new VmCopyInFor(read.Address, read.Size, Self, resolved.Reply), Self);
                break;
            case VmWriteCall write:
                var page = (ulong)PageSize;
                if (write.Address % page != 0 || write.Data % page != 0 || write.Size % page != 0)
                {
                    resolved.Reply.Send(KernReturn.InvalidArgument, Self);
                    return;
                }
                var code = Map.CopyIn(write.Data, write.Size, out var copy);
                if (code != KernReturn.Success)
                {
                    resolved.Reply.Send(code, Self);
                    return;
                }
                var (releases, changes) = CarryOutMapEffects();
                var to = resolved.Task;
                Shootdown(new PendingShootdown(KernReturn.Success, null, releases,
                    Then: () => to.Tell(new VmOverwriteWith(write.Address, copy, KnownObjects(copy), resolved.Reply), Self)), changes);
                break;
        }
    }

    /// <summary>vm_read, the read task's side: copy-in, then (after the shootdown) the copy goes to the caller. A terminated task: InvalidTask.</summary>
    private void CopyInFor(VmCopyInFor c)
    {
        if (_terminated)
        {
            c.Caller.Tell(new VmCopiedIn(KernReturn.InvalidTask, VmCopy.Empty, new Dictionary<long, IActorRef>(), c.Reply), Self);
            return;
        }
        var code = Map.CopyIn(c.Address, c.Size, out var copy);
        var (releases, changes) = CarryOutMapEffects();
        Shootdown(new PendingShootdown(KernReturn.Success, null, releases,
            Then: () => c.Caller.Tell(new VmCopiedIn(code, copy, KnownObjects(copy), c.Reply), Self)), changes);
    }

    /// <summary>vm_read, the caller's side: the copy is mapped anywhere (NoSpace: it is dropped) and the address answered.</summary>
    private void CopyOutRead(VmCopiedIn c)
    {
        Learn(c.Objects);
        if (c.Result != KernReturn.Success)
        {
            c.Reply.Send(new VmReadReply(c.Result, 0), Self);
            return;
        }
        var address = 0UL;
        var code = _terminated ? KernReturn.InvalidTask : Map.CopyOut(c.Copy, out address);
        if (code != KernReturn.Success)
        {
            Map.Discard(c.Copy);
            address = 0;
        }
        c.Reply.Send(new VmReadReply(code, address), Self);
        ApplyMapEffects(code, null);
    }

    /// <summary>vm_write, the written task's side: the overwrite (a failure drops the copy), answered after the shootdown.</summary>
    private void Overwrite(VmOverwriteWith o)
    {
        Learn(o.Objects);
        var code = _terminated ? KernReturn.InvalidTask : Map.CopyOverwrite(o.Address, o.Copy);
        if (code != KernReturn.Success) Map.Discard(o.Copy);
        ApplyMapEffects(code, o.Reply);
    }

    /// <summary>The actors this task knows for the copy's objects.</summary>
    private Dictionary<long, IActorRef> KnownObjects(VmCopy copy)
    {
        var known = new Dictionary<long, IActorRef>();
        foreach (var piece in copy.Pieces)
        {
            if (piece.Object is { } obj && _objects.TryGetValue(obj.Id, out var actor)) known[obj.Id] = actor;
        }
        return known;
    }

    /// <summary>Object actors another task knew: known here from now on (held messages go out).</summary>
    private void Learn(IReadOnlyDictionary<long, IActorRef> objects)
    {
        foreach (var (id, actor) in objects)
        {
            if (!_objects.ContainsKey(id)) ObjectResolved(new VmObjectSpawned(id, actor));
        }
    }
}
