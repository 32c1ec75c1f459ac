using MachActors.Kernel;
using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>The model's mach_port_* calls (spec 1.6): what each must answer, and the change it makes.</summary>
internal sealed partial class IpcModel
{
    /// <summary>A successful allocation: the name must be fresh; a receive right or set names a new port.</summary>
    public void Allocated(MTask t, PortRight right, PortName name, long? port)
    {
        if (!name.IsValid || t.Names.ContainsKey(name.Value)) Flag(2, $"T{t.Index} allocated {right} under {name}, which is not a fresh name");
        if (port is { } p && Ports.ContainsKey(p)) Flag(2, $"T{t.Index} allocated {right} for p{p}, which already exists");
        var entry = right switch
        {
            PortRight.Receive => new MEntry { Port = port, Type = PortType.Receive },
            PortRight.PortSet => new MEntry { Port = port, Type = PortType.PortSet },
            _ => new MEntry { Type = PortType.DeadName, Urefs = 1 },
        };
        t.Names[name.Value] = entry;
        if (port is { } id)
        {
            Ports[id] = new MPort(id, right == PortRight.PortSet) { Holder = right == PortRight.Receive ? t.Index : null };
            t.Granted.Add(id);
        }
    }

    public KernReturn Deallocate(MTask t, PortName name)
    {
        if (Lookup(t, name) is not { } e) return KernReturn.InvalidName;
        if (e.Has(PortType.Send))
        {
            if (--e.Urefs == 0) DropSend(t, name.Value, e);
        }
        else if (e.Has(PortType.SendOnce)) Free(t, name.Value, e);
        else if (e.Has(PortType.DeadName))
        {
            if (--e.Urefs == 0) Free(t, name.Value, e);
        }
        else return KernReturn.InvalidRight;
        return KernReturn.Success;
    }

    public KernReturn Destroy(MTask t, PortName name)
    {
        if (Lookup(t, name) is not { } e) return KernReturn.InvalidName;
        if (e.Has(PortType.PortSet)) DestroySet(t, name.Value);
        if (e.Has(PortType.Send))
        {
            // The send right goes before the receive right: a no-senders request fires first (GNU Mach's ipc_right_destroy).
            e.Type &= ~PortType.Send;
            Release(new MRight(e.Port, MsgType.PortSend));
        }
        if (e.Has(PortType.Receive)) Dies(Ports[e.Port!.Value]);
        Free(t, name.Value, e);
        return KernReturn.Success;
    }

    public KernReturn ModRefs(MTask t, PortName name, PortRight right, int delta)
    {
        if (Lookup(t, name) is not { } e) return KernReturn.InvalidName;
        switch (right)
        {
            case PortRight.Send or PortRight.DeadName:
                if (!e.Has(right == PortRight.Send ? PortType.Send : PortType.DeadName)) return KernReturn.InvalidRight;
                var count = (long)e.Urefs + delta;
                if (count < 0) return KernReturn.InvalidValue;
                if (count > IpcLimits.UrefsMax) return KernReturn.UrefsOverflow;
                e.Urefs = (int)count;
                if (count == 0 && right == PortRight.Send) DropSend(t, name.Value, e);
                else if (count == 0) Free(t, name.Value, e);
                return KernReturn.Success;
            case PortRight.Receive or PortRight.SendOnce or PortRight.PortSet:
                var bit = right switch { PortRight.Receive => PortType.Receive, PortRight.SendOnce => PortType.SendOnce, _ => PortType.PortSet };
                if (!e.Has(bit)) return KernReturn.InvalidRight;
                if (delta is not (0 or -1)) return KernReturn.InvalidValue;
                if (delta == 0) return KernReturn.Success;
                if (right == PortRight.Receive) DropReceive(t, name.Value, e, destroy: true);
                else
                {
                    if (right == PortRight.PortSet) DestroySet(t, name.Value);
                    Free(t, name.Value, e);
                }
                return KernReturn.Success;
            default:
                return KernReturn.InvalidValue;
        }
    }

    public KernReturn SetQLimit(MTask t, PortName name, int qlimit) =>
        Lookup(t, name) is not { } e ? KernReturn.InvalidName
        : !e.Has(PortType.Receive) ? KernReturn.InvalidRight
        : qlimit is < 0 or > IpcLimits.QLimitMax ? KernReturn.InvalidValue
        : KernReturn.Success;

    public KernReturn MoveMember(MTask t, PortName member, PortName set)
    {
        if (Lookup(t, member) is not { } m) return KernReturn.InvalidName;
        if (!m.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (set == PortName.Null)
        {
            if (m.InSet == 0) return KernReturn.NotInSet;
            m.InSet = 0;
            return KernReturn.Success;
        }
        if (Lookup(t, set) is not { } s) return KernReturn.InvalidName;
        if (!s.Has(PortType.PortSet)) return KernReturn.InvalidRight;
        m.InSet = set.Value;
        return KernReturn.Success;
    }

    /// <summary>Where a receive on the name may go: a receive right not in a set, or a port set.</summary>
    public MachMsgReturn CheckReceive(MTask t, PortName name) =>
        Lookup(t, name) is not { Port: not null } e ? MachMsgReturn.RcvInvalidName
        : e.Has(PortType.PortSet) ? MachMsgReturn.Success
        : !e.Has(PortType.Receive) ? MachMsgReturn.RcvInvalidName
        : e.InSet != 0 ? MachMsgReturn.RcvInSet
        : MachMsgReturn.Success;

    /// <summary>A right copied in as if sent (insert_right, extract_right): InvalidValue, InvalidName, InvalidRight, or the right.</summary>
    public KernReturn CopyinRight(MTask t, PortName name, MsgType disposition, out MRight right)
    {
        right = MRight.Null;
        if (disposition is < MsgType.MoveReceive or > MsgType.MakeSendOnce) return KernReturn.InvalidValue;
        if (name == PortName.Null) return KernReturn.Success;
        if (name == PortName.Dead)
        {
            right = new MRight(null, IpcSpace.Arriving(disposition), Dead: true);
            return KernReturn.Success;
        }
        if (Lookup(t, name) is null) return KernReturn.InvalidName;
        if (!CanCopyin(t, name, disposition, allowDead: true)) return KernReturn.InvalidRight;
        right = CopyinChecked(t, name, disposition);
        return KernReturn.Success;
    }

    /// <summary>insert_right's checks on the receiving name (spec 1.6): NameExists, RightExists, UrefsOverflow or Success.</summary>
    public KernReturn CheckInsert(MTask t, PortName name, long port, MsgType arriving)
    {
        if (!name.IsValid) return KernReturn.InvalidValue;
        var e = Lookup(t, name);
        var other = t.Reverse(port) is { } n && n != name.Value;
        if (arriving == MsgType.PortSendOnce) return e is null ? KernReturn.Success : KernReturn.NameExists;
        if (e is null) return other ? KernReturn.RightExists : KernReturn.Success;
        if (e.Port != port || !e.Has(PortType.Send | PortType.Receive) || e.Has(PortType.PortSet)) return KernReturn.NameExists;
        if (arriving == MsgType.PortSend && e.Has(PortType.Send) && e.Urefs >= IpcLimits.UrefsMax) return KernReturn.UrefsOverflow;
        if (arriving == MsgType.PortReceive && e.Has(PortType.Receive)) return KernReturn.NameExists;
        return arriving is MsgType.PortSend or MsgType.PortReceive ? KernReturn.Success : KernReturn.InvalidValue;
    }

    /// <summary>The receiving half of insert_right: the right arrives under the name, or is destroyed with the failure.</summary>
    public KernReturn InsertArrives(MTask t, PortName name, MRight right)
    {
        var result = right.Port is { } p ? CheckInsert(t, name, p, right.Kind) : KernReturn.InvalidCapability;
        if (result != KernReturn.Success)
        {
            Release(right);
            return result;
        }
        var port = right.Port!.Value;
        t.Granted.Add(port);
        if (Lookup(t, name) is { } e)
        {
            Copyout(t, right, name, "insert_right");
            return KernReturn.Success;
        }
        var entry = new MEntry { Port = port, Type = right.Kind switch { MsgType.PortSend => PortType.Send, MsgType.PortSendOnce => PortType.SendOnce, _ => PortType.None }, Urefs = right.Kind == MsgType.PortSend ? 1 : 0 };
        t.Names[name.Value] = entry;
        if (right.Kind == MsgType.PortReceive) ReceiveArrives(t, entry, port);
        return KernReturn.Success;
    }

    /// <summary>
    /// request_notification (spec 1.5) as far as the space decides: the answer, or null when the
    /// request went to the port (no-senders). <paramref name="previous"/>: the notify port of the
    /// request replaced (its right comes back to the caller under a fresh name).
    /// </summary>
    public KernReturn? Request(MTask t, PortName name, int variant, int sync, PortName notify, MsgType disposition, out long? previous)
    {
        previous = null;
        if (Lookup(t, name) is not { } e) return KernReturn.InvalidName;
        if (notify != PortName.Null && disposition is not (MsgType.MakeSendOnce or MsgType.MoveSendOnce)) return KernReturn.InvalidValue;
        if (variant is not (NotifyIds.DeadName or NotifyIds.NoSenders)) return KernReturn.InvalidValue;
        if (variant == NotifyIds.DeadName && e.Has(PortType.DeadName) && (sync == 0 || !notify.IsValid)) return KernReturn.InvalidArgument;
        if (variant == NotifyIds.DeadName && !e.Has(PortType.DeadName | PortType.Send | PortType.SendOnce | PortType.Receive)) return KernReturn.InvalidRight;
        if (variant != NotifyIds.DeadName && !e.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (notify.IsValid && !CanCopyin(t, notify, disposition, allowDead: false)) return KernReturn.InvalidCapability;
        var right = notify.IsValid ? CopyinChecked(t, notify, disposition) : MRight.Null;
        if (variant == NotifyIds.NoSenders)
        {
            var port = Ports[e.Port!.Value];
            previous = port.NoSenders;
            port.NoSenders = right.Port;
            port.NoSendersSync = sync;
            port.NoSendersArmed = false;
            if (right.Port is not null && SRights(port.Id) == 0 && port.MsCount >= sync) FireNoSenders(port);
            return null;
        }
        if (e.Has(PortType.DeadName))
        {
            e.Urefs = Math.Min(e.Urefs + 1, IpcLimits.UrefsMax);
            ExpectedNotes.Add((right.Port!.Value, NotifyIds.DeadName, name.Value));
            return KernReturn.Success;
        }
        previous = e.DeadRequest;
        e.DeadRequest = right.Port;
        return KernReturn.Success;
    }
}
