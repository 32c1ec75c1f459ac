using System.Collections.Immutable;

namespace MachActors.Kernel.Ipc;

/// <summary>Copyin: names and dispositions in the sender's space become rights in transit (spec 1.3, 2.7).</summary>
public sealed partial class IpcSpace
{
    /// <summary>
    /// Copies a program's message in. Checks, in order: size (SendNoBuffer past
    /// <see cref="IpcLimits.MsgSizeMax"/>); header dispositions (SendInvalidHeader); the destination
    /// (SendInvalidDest: no such name, a dead name, or a name without the right its disposition
    /// needs); the reply (SendInvalidReply), both header rights checked together (two moves of a
    /// single uref fail); body descriptors (SendInvalidType); out-of-line regions (SendInvalidMemory,
    /// see <see cref="CheckMemory"/>). Nothing is changed when these fail.
    /// Then the header rights are copied in together and the body in order; the first body right the
    /// space does not hold gives SendInvalidRight, and the rights already copied in are released
    /// (the message is destroyed, copies of out-of-line memory taken so far discarded). Out-of-line
    /// regions become virtual copies (<see cref="IMessageMemory.Copyin"/>); those with the deallocate bit
    /// leave the address space after the whole body is in. On Success <paramref name="message"/> is the message in transit,
    /// and the effects hold the accounting the ports must see before it (rule 3).
    /// </summary>
    public MachMsgReturn Copyin(MachMessage program, out KernelMessage? message) => Copyin(program, null, out message);

    /// <summary>
    /// <see cref="Copyin(MachMessage, out KernelMessage?)"/>; with <paramref name="cancel"/> (SEND_CANCEL)
    /// a dead-name request of the destination right whose right goes to <paramref name="cancel"/> is
    /// released quietly when the move frees the name.
    /// </summary>
    private MachMsgReturn Copyin(MachMessage program, PortRef? cancel, out KernelMessage? message)
    {
        ArgumentNullException.ThrowIfNull(program);
        message = null;
        var h = program.Header;
        var size = program.Size;
        if (size > IpcLimits.MsgSizeMax) return MachMsgReturn.SendNoBuffer;
        if (!IsSendDisposition(h.RemoteDisposition)) return MachMsgReturn.SendInvalidHeader;
        if (h.LocalDisposition == MsgType.None ? h.Local != PortName.Null : !IsSendDisposition(h.LocalDisposition)) return MachMsgReturn.SendInvalidHeader;
        if (!h.Remote.IsValid || !CanCopyin(h.Remote, h.RemoteDisposition, allowDead: false)) return MachMsgReturn.SendInvalidDest;
        if (h.Local.IsValid && !CanCopyin(h.Local, h.LocalDisposition, allowDead: true)) return MachMsgReturn.SendInvalidReply;
        if (h.Local == h.Remote && !CanCopyinBoth(h.Remote, h.RemoteDisposition, h.LocalDisposition)) return MachMsgReturn.SendInvalidReply;
        foreach (var item in program.Body)
        {
            if (item is MsgItem.Port { Disposition: var d } && !IsBodyType(d)) return MachMsgReturn.SendInvalidType;
            if (item is MsgItem.PortArray { Disposition: var a } && !IsBodyType(a)) return MachMsgReturn.SendInvalidType;
            if (item is MsgItem.Memory m && CheckMemory(m) is var memory and not MachMsgReturn.Success) return memory;
        }

        // The header: copies and makes before moves, so MOVE_SEND + COPY_SEND of one uref works (spec 2.7).
        CarriedRight dest, reply;
        if (IsMove(h.RemoteDisposition) && !IsMove(h.LocalDisposition))
        {
            reply = CopyinReply(h.Local, h.LocalDisposition);
            dest = CopyinDestination(h.Remote, h.RemoteDisposition, cancel);
        }
        else
        {
            dest = CopyinDestination(h.Remote, h.RemoteDisposition, cancel);
            reply = CopyinReply(h.Local, h.LocalDisposition);
        }
        if (program.Body.IsEmpty)
        {
            message = new KernelMessage(dest.Port!, dest.Right, reply, h.Id, [], size);
            return MachMsgReturn.Success;
        }
        var partial = new KernelMessage(dest.Port!, dest.Right, reply, h.Id, [], size);
        var body = ImmutableArray.CreateBuilder<KernelItem>(program.Body.Length);
        foreach (var item in program.Body)
        {
            KernelItem? copied = item switch
            {
                MsgItem.Port { Disposition: MsgType.PortNameOnly } => new KernelItem.Data(item),
                MsgItem.Port p => CopyinBodyRight(p.Name, p.Disposition) is { } r
                    ? new KernelItem.Rights([r], Arriving(p.Disposition), IsArray: false, OutOfLine: false)
                    : null,
                MsgItem.PortArray { Disposition: MsgType.PortNameOnly } => new KernelItem.Data(item),
                MsgItem.PortArray a => CopyinArray(a),
                MsgItem.Memory m => Memory!.Copyin(m.Address, m.Length),
                _ => new KernelItem.Data(item),
            };
            if (copied is null)
            {
                DestroyPartial(partial, body);
                return item is MsgItem.Memory ? MachMsgReturn.SendInvalidMemory : MachMsgReturn.SendInvalidRight;
            }
            body.Add(copied);
        }
        // The deallocate bit acts only once the whole message is in: a failed send leaves the sender's memory alone.
        foreach (var item in program.Body)
        {
            if (item is MsgItem.Memory { Deallocate: true, Length: > 0 } m) Memory!.Deallocate(m.Address, m.Length);
        }
        message = partial with { Body = body.ToImmutable() };
        return MachMsgReturn.Success;
    }

    /// <summary>
    /// An out-of-line region a send may carry: SendInvalidMemory when this space has no address space,
    /// the region is larger than <see cref="IpcLimits.OutOfLineMax"/>, or a page of it is unmapped or
    /// unreadable (an empty region is always fine).
    /// </summary>
    private MachMsgReturn CheckMemory(MsgItem.Memory m)
    {
        if (m.Length == 0) return Memory is null ? MachMsgReturn.SendInvalidMemory : MachMsgReturn.Success;
        if (Memory is null || m.Length > IpcLimits.OutOfLineMax) return MachMsgReturn.SendInvalidMemory;
        return Memory.CheckCopyin(m.Address, m.Length);
    }

    /// <summary>A copyin that failed part way: copies taken go back to the address space, rights are released (the message is destroyed).</summary>
    private void DestroyPartial(KernelMessage partial, ImmutableArray<KernelItem>.Builder body)
    {
        foreach (var item in body)
        {
            if (item is KernelItem.Memory m) Memory!.Discard(m);
        }
        body.RemoveAll(i => i is KernelItem.Memory);
        Notifications.Destroy(partial with { Body = body.ToImmutable() }, _effects);
    }

    /// <summary>
    /// Copies one right in as if sent with <paramref name="disposition"/> (insert_right, extract_right,
    /// notification requests). NULL and DEAD give NULL and DEAD. InvalidValue for a disposition that
    /// is not a right's; InvalidName for an unknown name; InvalidRight when the name lacks the right.
    /// </summary>
    public KernReturn CopyinRight(PortName name, MsgType disposition, out CarriedRight right)
    {
        right = CarriedRight.Null;
        if (!IsBodyType(disposition) || disposition == MsgType.PortNameOnly) return KernReturn.InvalidValue;
        if (name == PortName.Null) return KernReturn.Success;
        if (name == PortName.Dead)
        {
            right = new CarriedRight(null, Arriving(disposition), IsDead: true);
            return KernReturn.Success;
        }
        if (Lookup(name) is null) return KernReturn.InvalidName;
        if (!CanCopyin(name, disposition, allowDead: true)) return KernReturn.InvalidRight;
        right = CopyinChecked(name, disposition);
        return KernReturn.Success;
    }

    /// <summary>What a disposition arrives as: PortReceive, PortSend or PortSendOnce.</summary>
    public static MsgType Arriving(MsgType disposition) => disposition switch
    {
        MsgType.MoveReceive => MsgType.PortReceive,
        MsgType.MoveSend or MsgType.CopySend or MsgType.MakeSend => MsgType.PortSend,
        MsgType.MoveSendOnce or MsgType.MakeSendOnce => MsgType.PortSendOnce,
        _ => MsgType.None,
    };

    private static bool IsSendDisposition(MsgType d) =>
        d is MsgType.MoveSend or MsgType.CopySend or MsgType.MakeSend or MsgType.MoveSendOnce or MsgType.MakeSendOnce;

    private static bool IsBodyType(MsgType d) => d == MsgType.PortNameOnly || (d >= MsgType.MoveReceive && d <= MsgType.MakeSendOnce);

    private static bool IsMove(MsgType d) => d is MsgType.MoveSend or MsgType.MoveSendOnce or MsgType.MoveReceive;

    /// <summary>Whether <paramref name="name"/> holds what <paramref name="disposition"/> needs (dead names stand in for send and send-once rights when allowed).</summary>
    private bool CanCopyin(PortName name, MsgType disposition, bool allowDead)
    {
        if (Lookup(name) is not { } e) return false;
        var dead = allowDead && e.Has(PortType.DeadName);
        return disposition switch
        {
            MsgType.MoveReceive or MsgType.MakeSend or MsgType.MakeSendOnce => e.Has(PortType.Receive),
            MsgType.MoveSend or MsgType.CopySend => e.Has(PortType.Send) || dead,
            MsgType.MoveSendOnce => e.Has(PortType.SendOnce) || dead,
            _ => false,
        };
    }

    /// <summary>Both header rights name one entry: two moves need two urefs; a send-once right moves once.</summary>
    private bool CanCopyinBoth(PortName name, MsgType remote, MsgType local)
    {
        var e = Lookup(name)!;
        if (remote == MsgType.MoveSend && local == MsgType.MoveSend) return e.Urefs >= 2;
        return !(remote == MsgType.MoveSendOnce && local == MsgType.MoveSendOnce);
    }

    private CarriedRight CopyinDestination(PortName name, MsgType disposition, PortRef? cancel)
    {
        _cancelFor = cancel;
        var dest = CopyinChecked(name, disposition);
        _cancelFor = null;
        return dest;
    }

    private CarriedRight CopyinReply(PortName name, MsgType disposition) =>
        disposition == MsgType.None || name == PortName.Null ? CarriedRight.Null
        : name == PortName.Dead ? new CarriedRight(null, Arriving(disposition), IsDead: true)
        : CopyinChecked(name, disposition);

    private CarriedRight? CopyinBodyRight(PortName name, MsgType disposition)
    {
        if (name == PortName.Null) return CarriedRight.Null;
        if (name == PortName.Dead) return new CarriedRight(null, Arriving(disposition), IsDead: true);
        return CanCopyin(name, disposition, allowDead: true) ? CopyinChecked(name, disposition) : null;
    }

    private KernelItem.Rights? CopyinArray(MsgItem.PortArray array)
    {
        var rights = ImmutableArray.CreateBuilder<CarriedRight>(array.Names.Length);
        foreach (var name in array.Names)
        {
            if (CopyinBodyRight(name, array.Disposition) is not { } right)
            {
                foreach (var copied in rights) Notifications.Release(copied, _effects);
                return null;
            }
            rights.Add(right);
        }
        return new KernelItem.Rights(rights.MoveToImmutable(), Arriving(array.Disposition), IsArray: true, array.OutOfLine);
    }

    /// <summary>Copies in a right the name was checked to hold; queues the accounting the port must see first (rule 3).</summary>
    private CarriedRight CopyinChecked(PortName name, MsgType disposition)
    {
        var e = Lookup(name)!;
        var arriving = Arriving(disposition);
        if (e.Has(PortType.DeadName))
        {
            if (disposition == MsgType.MoveSend || disposition == MsgType.MoveSendOnce)
            {
                if (--e.Urefs == 0) FreeEntry(name, e);
            }
            return new CarriedRight(null, arriving, IsDead: true);
        }
        var port = e.Port!;
        switch (disposition)
        {
            case MsgType.MoveReceive:
                DropReceive(name, e, destroy: false);
                break;
            case MsgType.MoveSend when e.Urefs > 1:
                e.Urefs--;
                Tell(port, new PortRightsChanged(1, 0, 0)); // the space keeps a send right and one more travels
                break;
            case MsgType.MoveSend:
                DropSend(name, e, release: false);
                break;
            case MsgType.CopySend:
                Tell(port, new PortRightsChanged(1, 0, 0));
                break;
            case MsgType.MakeSend:
                Tell(port, new PortRightsChanged(1, 0, 1));
                break;
            case MsgType.MakeSendOnce:
                Tell(port, new PortRightsChanged(0, 1, 0));
                break;
            case MsgType.MoveSendOnce:
                DropSendOnce(name, e, release: false);
                break;
        }
        return new CarriedRight(port, arriving);
    }

    private void Tell(PortRef port, object message) => _effects.Add(new IpcEffect.Tell(port.Actor, message));
}
