using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>memory_object_create for task pagers (docs/VM.md, "Task pagers"): the bridges this task's pager ports are served through.</summary>
public sealed partial class MachTask
{
    private readonly List<IActorRef> _pagerBridges = [];

    /// <summary>
    /// MemoryObjectCreateCall: a send right is made from the caller's receive right for the pager port
    /// (without one: the copyin's code, e.g. InvalidName or InvalidRight, and nothing is made) and a
    /// <see cref="TaskPagerBridge"/> child is started with it; the bridge asks the resident memory for
    /// the memory object port and the answer comes back as <see cref="TaskPagerBound"/>.
    /// TaskPagerBridgeCount (test hook): the number of bridges held. False for other calls.
    /// </summary>
    private bool OnTaskPagerCall(object request, CallerReply reply)
    {
        if (request is TaskPagerBridgeCount)
        {
            reply.Send(_pagerBridges.Count, Self);
            return true;
        }
        if (request is not MemoryObjectCreateCall c) return false;
        var copied = _space.CopyinRight(c.PagerPort, MsgType.MakeSend, out var right);
        ApplySpaceEffects();
        if (copied != KernReturn.Success || right.Port is null)
        {
            Release([right]);
            reply.Send(new MemoryObjectCreated(copied == KernReturn.Success ? KernReturn.InvalidName : copied, PortName.Null), Self);
            return true;
        }
        _pagerBridges.Add(StartBridge(right, c.Key, reply));
        return true;
    }

    /// <summary>Spawns a bridge. Its own method: a lambda capturing a parameter of <see cref="OnTaskPagerCall"/> would make the compiler allocate the closure at that method's top, on every kernel call that passes through it.</summary>
    private IActorRef StartBridge(CarriedRight pager, long key, CallerReply reply)
    {
        var pageSize = PageSize;
        var memory = _services.Memory;
        var task = Self;
        var bridge = Context.Spawn(Props.Create(() => new TaskPagerBridge(pager, key, pageSize, memory, task, reply)));
        Context.Watch(bridge); // a bridge that stops (its pager port died) leaves the list
        return bridge;
    }

    /// <summary>
    /// TaskPagerBound: the caller gets a send right to the memory object port (InvalidTask once this task
    /// ended). Terminated of a bridge (it stopped: its pager port died): it leaves the list. False for other messages.
    /// </summary>
    private bool OnTaskPagerMessage(object message)
    {
        if (message is Terminated { ActorRef: var stopped } && _pagerBridges.Remove(stopped)) return true;
        if (message is not TaskPagerBound bound) return false;
        if (_terminated)
        {
            bound.Reply.Send(new MemoryObjectCreated(KernReturn.InvalidTask, PortName.Null), Self);
            return true;
        }
        var name = _space.InsertMadeSend(bound.MemoryObject);
        ApplySpaceEffects();
        bound.Reply.Send(new MemoryObjectCreated(KernReturn.Success, name), Self);
        return true;
    }

    /// <summary>The task ended: its pagers die with it, so the objects they served take the pager-death path.</summary>
    private void StopPagerBridges()
    {
        foreach (var bridge in _pagerBridges) Context.Stop(bridge); // each leaves the list at its Terminated
    }
}
