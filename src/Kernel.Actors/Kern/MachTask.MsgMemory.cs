using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// Out-of-line message memory (<see cref="MsgItem.Memory"/>) as virtual copies: the task is its space's
/// <see cref="IMessageMemory"/>. Copyin takes a copy-on-write copy (<see cref="VmMap.CopyIn"/>); the
/// message goes to its port only after the shootdown of the write-protections the copy made (so no CPU
/// can still write a page the copy names) and once every object the copy names has a known actor (so
/// whoever destroys the message can release them). Copyout maps the copy anywhere (<see cref="VmMap.CopyOut"/>).
/// </summary>
public sealed partial class MachTask : IMessageMemory
{
    private static readonly IReadOnlyDictionary<long, Actors.IActorRef> NoObjects = new Dictionary<long, Actors.IActorRef>();

    private static bool CarriesMemory(MachMessage message)
    {
        foreach (var item in message.Body)
        {
            if (item is MsgItem.Memory) return true;
        }
        return false;
    }

    /// <summary>
    /// mach_msg's send of a message with out-of-line memory. Copyin as any send (the rights' accounting
    /// goes out at once, not folded into the enqueue, which comes later: rule 3); a failure answers at
    /// once (copies taken are dropped after the shootdown). On success the message is enqueued after the
    /// shootdown and the resolution of its objects' actors; meanwhile the calling thread waits for its
    /// answer, so the messages of one thread keep their order.
    /// </summary>
    private void SendWithMemory(MachMsgSend s, CallerReply reply)
    {
        var code = _space.CopyinSend(s.Message, s.Options, s.Notify, out var message, out var notify);
        ApplySpaceEffects();
        var (releases, changes) = CarryOutMapEffects();
        if (code != MachMsgReturn.Success)
        {
            Shootdown(new PendingShootdown(KernReturn.Success, null, releases), changes);
            reply.Send(new MachMsgResult(code), Self);
            return;
        }
        var ids = message!.Body.OfType<KernelItem.Memory>().SelectMany(m => m.ObjectIds).ToList();
        Shootdown(new PendingShootdown(KernReturn.Success, null, releases,
            Then: () => WhenObjectsKnown(ids, () => Enqueue(s, reply, WithObjects(message), notify, null))), changes);
    }

    /// <summary>The send's message to its port, with the sender's wait (answered there, or by the receiver's space for a handoff).</summary>
    private void Enqueue(MachMsgSend s, CallerReply reply, KernelMessage message, CarriedRight notify, PortRightsChanged? rights)
    {
        _services.Status.MessageSent(s.Rpc);
        var timeout = (s.Options & MachMsgOption.SendTimeout) != 0 ? s.Timeout ?? Duration.Zero : (Duration?)null;
        message.Destination.Actor.Tell(new PortEnqueue(message, new SendWait(reply, Self, s.Options, timeout, s.Rpc, notify), rights), Self);
    }

    /// <summary>The message with every memory item naming the actors of its objects (all known by now).</summary>
    private KernelMessage WithObjects(KernelMessage message) =>
        message with { Body = [.. message.Body.Select(i => i is KernelItem.Memory m ? m with { Objects = KnownObjects(m.Copy) } : i)] };

    /// <summary>After a copyout of a message with out-of-line memory: the map's effects (copies discarded when they did not fit).</summary>
    private void ApplyMemoryCopyout(KernelMessage message)
    {
        foreach (var item in message.Body) // a loop, not LINQ: this runs for every message delivered
        {
            if (item is not KernelItem.Memory) continue;
            ApplyMapEffects(KernReturn.Success, null);
            return;
        }
    }

    /// <inheritdoc />
    MachMsgReturn IMessageMemory.CheckCopyin(ulong address, ulong length) =>
        Map.CheckCopyIn(address, length) == KernReturn.Success ? MachMsgReturn.Success : MachMsgReturn.SendInvalidMemory;

    /// <inheritdoc />
    KernelItem.Memory? IMessageMemory.Copyin(ulong address, ulong length) =>
        Map.CopyIn(address, length, out var copy) == KernReturn.Success ? new KernelItem.Memory(copy, NoObjects) : null;

    /// <inheritdoc />
    void IMessageMemory.Deallocate(ulong address, ulong length) => Map.Deallocate(address, length);

    /// <inheritdoc />
    void IMessageMemory.Discard(KernelItem.Memory memory) => Map.Discard(memory.Copy);

    /// <inheritdoc />
    bool IMessageMemory.Copyout(KernelItem.Memory memory, out ulong address)
    {
        Learn(memory.Objects);
        if (Map.CopyOut(memory.Copy, out address) == KernReturn.Success) return true;
        Map.Discard(memory.Copy);
        address = 0;
        return false;
    }
}
