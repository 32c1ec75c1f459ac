using System.Collections.Immutable;

namespace MachActors.Kernel.Ipc;

/// <summary>Copyout: rights in transit become names in the receiving space (spec 1.3, "what happens in the receiving space").</summary>
public sealed partial class IpcSpace
{
    /// <summary>
    /// Copies a received message out. With <paramref name="reverse"/> (a receive) the header is
    /// reversed: Local names the receive right it came through (NULL if the right has left the
    /// space), with the disposition the sender used; Remote is the reply right. Without it (a
    /// pseudo-receive after a failed send) the destination right comes back as Remote and the reply
    /// as Local. Body rights become names (see <see cref="CopyoutRight"/>); data items pass through;
    /// out-of-line memory is mapped anywhere (<see cref="IMessageMemory.Copyout"/>).
    /// </summary>
    public MachMessage Copyout(KernelMessage message, bool reverse) => Copyout(message, reverse, out _);

    /// <summary>
    /// <see cref="Copyout(KernelMessage, bool)"/>; <paramref name="body"/> is Success, or
    /// RcvBodyError | VmSpace when an out-of-line region did not fit in the address space (as Mach:
    /// its copy is discarded, the item reads address 0 with its length, and the rest of the message is
    /// delivered).
    /// </summary>
    public MachMessage Copyout(KernelMessage message, bool reverse, out MachMsgReturn body)
    {
        ArgumentNullException.ThrowIfNull(message);
        body = MachMsgReturn.Success;
        MsgHeader header;
        if (reverse)
        {
            var local = NameOf(message.Destination) is var n && Lookup(n) is { } e && e.Has(PortType.Receive) ? n : PortName.Null;
            var reply = CopyoutRight(message.Reply);
            header = new MsgHeader(reply, DispositionOf(message.Reply), local, message.DestinationRight, message.Id);
        }
        else
        {
            var dest = CopyoutRight(new CarriedRight(message.Destination, message.DestinationRight));
            var reply = CopyoutRight(message.Reply);
            header = new MsgHeader(dest, message.DestinationRight, reply, DispositionOf(message.Reply), message.Id);
        }
        if (message.Body.IsEmpty) return new MachMessage(header, []) { Seqno = message.Seqno };
        var items = ImmutableArray.CreateBuilder<MsgItem>(message.Body.Length);
        foreach (var item in message.Body)
        {
            switch (item)
            {
                case KernelItem.Data d:
                    items.Add(d.Item);
                    break;
                case KernelItem.Rights { IsArray: false } r:
                    items.Add(new MsgItem.Port(CopyoutRight(r.Carried[0]), r.Arrives));
                    break;
                case KernelItem.Rights r:
                    var names = ImmutableArray.CreateBuilder<PortName>(r.Carried.Length);
                    foreach (var right in r.Carried) names.Add(CopyoutRight(right));
                    items.Add(new MsgItem.PortArray(names.MoveToImmutable(), r.Arrives, r.OutOfLine));
                    break;
                case KernelItem.Memory m:
                    var address = 0UL;
                    if (Memory is null || !Memory.Copyout(m, out address))
                    {
                        if (Memory is null) Notifications.DiscardMemory(m, _effects);
                        body = MachMsgReturn.RcvBodyError | MachMsgReturn.VmSpace;
                        address = 0;
                    }
                    items.Add(new MsgItem.Memory(address, m.Copy.Size));
                    break;
            }
        }
        return new MachMessage(header, items.MoveToImmutable()) { Seqno = message.Seqno };
    }

    /// <summary>
    /// Gives one arriving right a name. A send right joins the space's send/receive name for its
    /// port, gaining a uref (pinned at the maximum; the merged right is released to the port), or
    /// gets a fresh name. A send-once right always gets a fresh name. A receive right joins the send
    /// name if there is one (the port is told it arrived: mscount and seqno reset). NULL and DEAD
    /// read NULL and DEAD. A right whose port died in transit gets a name that turns dead when the
    /// port answers the registration (rule 4).
    /// </summary>
    public PortName CopyoutRight(CarriedRight right)
    {
        if (right.Port is not { } port) return right.IsDead ? PortName.Dead : PortName.Null;
        var existing = _reverse.TryGetValue(port.Id, out var name) ? Lookup(name) : null;
        switch (right.Right)
        {
            case MsgType.PortSend when existing is not null:
                if (existing.Has(PortType.Send))
                {
                    if (existing.Urefs < IpcLimits.UrefsMax) existing.Urefs++;
                    Tell(port, new PortRightsChanged(-1, 0, 0)); // two send rights of one space are one
                }
                else
                {
                    existing.Type |= PortType.Send;
                    existing.Urefs = 1;
                }
                return name;
            case MsgType.PortSend:
                return NewEntry(FreshName(), new IpcEntry { Port = port, Type = PortType.Send, Urefs = 1 });
            case MsgType.PortSendOnce:
                return NewEntry(FreshName(), new IpcEntry { Port = port, Type = PortType.SendOnce });
            case MsgType.PortReceive when existing is not null:
                existing.Type |= PortType.Receive;
                Tell(port, new PortReceiveArrived(Owner));
                return name;
            case MsgType.PortReceive:
                Tell(port, new PortReceiveArrived(Owner));
                var fresh = FreshName();
                _table[fresh.Value] = new IpcEntry { Port = port, Type = PortType.Receive };
                _reverse[port.Id] = fresh;
                AddHolder(port, announce: false); // PortReceiveArrived registers the space
                return fresh;
            default:
                return PortName.Null;
        }
    }

    /// <summary>
    /// Names a send right the kernel makes for the kernel port <paramref name="port"/> (mach_task_self,
    /// mach_thread_self, mach_host_self, the device master): the port counts it as made (rule 3), and
    /// its urefs are pinned at the maximum, so deallocating the name does not lose the right in practice.
    /// </summary>
    public PortName InsertKernelSend(PortRef port)
    {
        ArgumentNullException.ThrowIfNull(port);
        Tell(port, new PortRightsChanged(1, 0, 1));
        var name = CopyoutRight(CarriedRight.Send(port));
        if (Lookup(name) is { } entry) entry.Urefs = IpcLimits.UrefsMax;
        return name;
    }

    /// <summary>
    /// Names a send right the kernel makes for the kernel port <paramref name="port"/> of an object
    /// made by a trap (a thread, task or processor set): the port counts it as made (rule 3); one uref,
    /// or one more on a send right this space already holds.
    /// </summary>
    public PortName InsertMadeSend(PortRef port)
    {
        ArgumentNullException.ThrowIfNull(port);
        Tell(port, new PortRightsChanged(1, 0, 1));
        return CopyoutRight(CarriedRight.Send(port));
    }

    private static MsgType DispositionOf(CarriedRight right) => right.Port is null && !right.IsDead ? MsgType.None : right.Right;
}
