using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

/// <summary>The mach_port_* calls (spec 1.6) on the space's own names.</summary>
public sealed partial class IpcSpace
{
    /// <summary>
    /// mach_port_allocate / allocate_name: a receive right for the new port <paramref name="newObject"/>
    /// (whose actor already knows this space as its receiver), an empty port set (<paramref name="newObject"/>
    /// is the set), or a dead name (urefs 1). With a <paramref name="wanted"/> name: InvalidValue for
    /// NULL or DEAD, NameExists when taken. InvalidValue for another right, or a missing object.
    /// </summary>
    public KernReturn Allocate(PortRight right, PortRef? newObject, out PortName name, PortName? wanted = null)
    {
        name = PortName.Null;
        if (wanted is { } w && !w.IsValid) return KernReturn.InvalidValue;
        if (wanted is { } taken && _table.ContainsKey(taken.Value)) return KernReturn.NameExists;
        var chosen = wanted ?? FreshName();
        switch (right)
        {
            case PortRight.Receive when newObject is not null:
                _table[chosen.Value] = new IpcEntry { Port = newObject, Type = PortType.Receive };
                _reverse[newObject.Id] = chosen;
                AddHolder(newObject, announce: false);
                break;
            case PortRight.PortSet when newObject is not null:
                _table[chosen.Value] = new IpcEntry { Port = newObject, Type = PortType.PortSet };
                break;
            case PortRight.DeadName:
                _table[chosen.Value] = new IpcEntry { Type = PortType.DeadName, Urefs = 1 };
                break;
            default:
                return KernReturn.InvalidValue;
        }
        name = chosen;
        return KernReturn.Success;
    }

    /// <summary>
    /// mach_port_deallocate: one uref of a send right or dead name fewer (the right goes at 0), or the
    /// send-once right destroyed (its send-once notification). InvalidName for an unknown name;
    /// InvalidRight for a name holding only receive or port-set rights.
    /// </summary>
    public KernReturn Deallocate(PortName name)
    {
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        if (e.Has(PortType.Send))
        {
            if (--e.Urefs == 0) DropSend(name, e, release: true);
        }
        else if (e.Has(PortType.SendOnce))
        {
            DropSendOnce(name, e, release: true);
        }
        else if (e.Has(PortType.DeadName))
        {
            if (--e.Urefs == 0) FreeEntry(name, e);
        }
        else
        {
            return KernReturn.InvalidRight;
        }
        return KernReturn.Success;
    }

    /// <summary>
    /// mach_port_destroy: every right under the name goes and the name is freed. A set: its members
    /// leave it. A receive right: the port dies (or goes to its backup). A send right: srights - 1.
    /// A send-once right: its send-once notification. A dead-name request fires as port-deleted.
    /// InvalidName for an unknown name.
    /// </summary>
    public KernReturn Destroy(PortName name)
    {
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        if (e.Has(PortType.PortSet)) DestroySet(name, e);
        if (e.Has(PortType.Send)) Tell(e.Port!, new PortRightsChanged(-1, 0, 0));
        if (e.Has(PortType.Receive)) Tell(e.Port!, PortDestroyReceive.Instance);
        if (e.Has(PortType.SendOnce)) Notifications.Release(CarriedRight.SendOnce(e.Port!), _effects);
        FreeEntry(name, e);
        return KernReturn.Success;
    }

    /// <summary>Destroys every name (task termination): ports die, rights are released, notifications go.</summary>
    public void DestroyAll()
    {
        foreach (var value in _table.Keys.ToArray())
        {
            if (_table.ContainsKey(value)) Destroy(new PortName(value));
        }
        Unregister();
    }

    /// <summary>
    /// mach_port_mod_refs: adds <paramref name="delta"/> urefs of <paramref name="right"/>. Send and
    /// dead names: the count may not go below 0 (InvalidValue) or past the maximum (UrefsOverflow);
    /// at 0 the right goes. Receive, send-once and port set: only 0 or -1 (destroying that right, as
    /// destroy would). InvalidName, InvalidRight (the name lacks the right), InvalidValue (bad right).
    /// </summary>
    public KernReturn ModRefs(PortName name, PortRight right, int delta)
    {
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        switch (right)
        {
            case PortRight.Send or PortRight.DeadName:
                var bit = right == PortRight.Send ? PortType.Send : PortType.DeadName;
                if (!e.Has(bit)) return KernReturn.InvalidRight;
                var count = (long)e.Urefs + delta;
                if (count < 0) return KernReturn.InvalidValue;
                if (count > IpcLimits.UrefsMax) return KernReturn.UrefsOverflow;
                e.Urefs = (int)count;
                if (count == 0 && right == PortRight.Send) DropSend(name, e, release: true);
                else if (count == 0) FreeEntry(name, e);
                return KernReturn.Success;
            case PortRight.Receive or PortRight.SendOnce or PortRight.PortSet:
                var type = right switch { PortRight.Receive => PortType.Receive, PortRight.SendOnce => PortType.SendOnce, _ => PortType.PortSet };
                if (!e.Has(type)) return KernReturn.InvalidRight;
                if (delta is not (0 or -1)) return KernReturn.InvalidValue;
                if (delta == 0) return KernReturn.Success;
                if (right == PortRight.Receive) DropReceive(name, e, destroy: true);
                else if (right == PortRight.SendOnce) DropSendOnce(name, e, release: true);
                else
                {
                    DestroySet(name, e);
                    FreeEntry(name, e);
                }
                return KernReturn.Success;
            default:
                return KernReturn.InvalidValue;
        }
    }

    /// <summary>mach_port_get_refs: the urefs of that right under the name (0 when it lacks it; receive, send-once, set: 1). InvalidName, InvalidValue.</summary>
    public KernReturn GetRefs(PortName name, PortRight right, out int refs)
    {
        refs = 0;
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        refs = right switch
        {
            PortRight.Send => e.Has(PortType.Send) ? e.Urefs : 0,
            PortRight.DeadName => e.Has(PortType.DeadName) ? e.Urefs : 0,
            PortRight.Receive => e.Has(PortType.Receive) ? 1 : 0,
            PortRight.SendOnce => e.Has(PortType.SendOnce) ? 1 : 0,
            PortRight.PortSet => e.Has(PortType.PortSet) ? 1 : 0,
            _ => -1,
        };
        if (refs >= 0) return KernReturn.Success;
        refs = 0;
        return KernReturn.InvalidValue;
    }

    /// <summary>mach_port_type: the name's type mask (with the dead-name request flag). InvalidName.</summary>
    public KernReturn Type(PortName name, out PortType type)
    {
        type = Lookup(name)?.Reported ?? PortType.None;
        return Lookup(name) is null ? KernReturn.InvalidName : KernReturn.Success;
    }

    /// <summary>mach_port_names: every name with its type mask, in name order.</summary>
    public IReadOnlyList<(PortName Name, PortType Type)> Names() => _table.Select(kv => (new PortName(kv.Key), kv.Value.Reported)).ToList();

    /// <summary>mach_port_rename: InvalidValue for a NULL or DEAD new name, InvalidName for an unknown old one, NameExists when the new one is taken.</summary>
    public KernReturn Rename(PortName oldName, PortName newName)
    {
        if (!newName.IsValid) return KernReturn.InvalidValue;
        if (Lookup(oldName) is not { } e) return KernReturn.InvalidName;
        if (_table.ContainsKey(newName.Value)) return KernReturn.NameExists;
        _table.Remove(oldName.Value);
        _table[newName.Value] = e;
        if (e.Port is { } port && e.Has(PortType.Send | PortType.Receive)) _reverse[port.Id] = newName;
        if (e.Has(PortType.PortSet))
        {
            foreach (var member in _table.Values.Where(m => m.InSet == oldName)) member.InSet = newName;
        }
        return KernReturn.Success;
    }

    /// <summary>
    /// What insert_right would answer for <paramref name="arriving"/> (PortSend, PortSendOnce,
    /// PortReceive) of <paramref name="port"/> under <paramref name="name"/>, without changing anything:
    /// InvalidValue (NULL/DEAD name), NameExists (the name holds another right), RightExists (the
    /// port has another name here), UrefsOverflow, or Success.
    /// </summary>
    public KernReturn CheckInsert(PortName name, PortRef port, MsgType arriving)
    {
        if (!name.IsValid) return KernReturn.InvalidValue;
        var e = Lookup(name);
        var other = _reverse.TryGetValue(port.Id, out var existing) && existing != name;
        return arriving switch
        {
            MsgType.PortSendOnce => e is null ? KernReturn.Success : KernReturn.NameExists,
            _ when e is null => other ? KernReturn.RightExists : KernReturn.Success,
            _ when e.Port != port || !e.Has(PortType.Send | PortType.Receive) => KernReturn.NameExists,
            MsgType.PortSend when e.Has(PortType.Send) && e.Urefs >= IpcLimits.UrefsMax => KernReturn.UrefsOverflow,
            MsgType.PortReceive when e.Has(PortType.Receive) => KernReturn.NameExists,
            MsgType.PortSend or MsgType.PortReceive => KernReturn.Success,
            _ => KernReturn.InvalidValue,
        };
    }

    /// <summary>
    /// mach_port_insert_right's receiving half: <paramref name="right"/> (already copied in) arrives
    /// under <paramref name="name"/>. Failures as <see cref="CheckInsert"/> (InvalidCapability for
    /// NULL or DEAD); on failure the right is released.
    /// </summary>
    public KernReturn InsertRight(PortName name, CarriedRight right)
    {
        var result = right.Port is { } port ? CheckInsert(name, port, right.Right) : KernReturn.InvalidCapability;
        if (result != KernReturn.Success)
        {
            Notifications.Release(right, _effects);
            return result;
        }
        var p = right.Port!;
        if (Lookup(name) is null && right.Right != MsgType.PortSendOnce)
        {
            NewEntry(name, new IpcEntry { Port = p, Type = right.Right == MsgType.PortSend ? PortType.Send : PortType.Receive, Urefs = right.Right == MsgType.PortSend ? 1 : 0 });
            if (right.Right == MsgType.PortReceive) Tell(p, new PortReceiveArrived(Owner));
            return KernReturn.Success;
        }
        if (right.Right == MsgType.PortSendOnce)
        {
            NewEntry(name, new IpcEntry { Port = p, Type = PortType.SendOnce });
            return KernReturn.Success;
        }
        // The name already holds this port: the copyout rules merge the right in.
        _reverse[p.Id] = name;
        CopyoutRight(right);
        return KernReturn.Success;
    }

    /// <summary>mach_port_set_qlimit: InvalidName, InvalidRight (no receive right), InvalidValue (outside 0..QLimitMax); the port applies it.</summary>
    public KernReturn SetQLimit(PortName name, int qlimit)
    {
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        if (!e.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (qlimit is < 0 or > IpcLimits.QLimitMax) return KernReturn.InvalidValue;
        Tell(e.Port!, new PortSetQLimit(qlimit));
        return KernReturn.Success;
    }

    /// <summary>mach_port_set_mscount: InvalidName, InvalidRight (no receive right), InvalidValue (negative); the port applies it.</summary>
    public KernReturn SetMsCount(PortName name, int msCount) => TellReceiver(name, msCount < 0, new PortSetMsCount(msCount));

    /// <summary>mach_port_set_seqno: InvalidName, InvalidRight (no receive right), InvalidValue (negative); the port applies it.</summary>
    public KernReturn SetSeqno(PortName name, long seqno) => TellReceiver(name, seqno < 0, new PortSetSeqno(seqno));

    private KernReturn TellReceiver(PortName name, bool badValue, object message)
    {
        if (Lookup(name) is not { } e) return KernReturn.InvalidName;
        if (!e.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (badValue) return KernReturn.InvalidValue;
        Tell(e.Port!, message);
        return KernReturn.Success;
    }

    /// <summary>
    /// mach_port_move_member: the receive right <paramref name="member"/> joins <paramref name="set"/>
    /// (leaving any other), or leaves its set (NULL; NotInSet when in none). InvalidName, InvalidRight
    /// (member without a receive right, set not a port set).
    /// </summary>
    public KernReturn MoveMember(PortName member, PortName set)
    {
        if (Lookup(member) is not { } m) return KernReturn.InvalidName;
        if (!m.Has(PortType.Receive)) return KernReturn.InvalidRight;
        if (set == PortName.Null)
        {
            if (m.InSet == PortName.Null) return KernReturn.NotInSet;
            m.InSet = PortName.Null;
            Tell(m.Port!, new PortMoveMember(null));
            return KernReturn.Success;
        }
        if (Lookup(set) is not { } s) return KernReturn.InvalidName;
        if (!s.Has(PortType.PortSet)) return KernReturn.InvalidRight;
        m.InSet = set;
        Tell(m.Port!, new PortMoveMember(s.Port));
        return KernReturn.Success;
    }

    /// <summary>The members of the port set <paramref name="set"/> (mach_port_get_set_status). InvalidName, InvalidRight.</summary>
    public KernReturn SetMembers(PortName set, out IReadOnlyList<PortName> members)
    {
        members = [];
        if (Lookup(set) is not { } s) return KernReturn.InvalidName;
        if (!s.Has(PortType.PortSet)) return KernReturn.InvalidRight;
        members = _table.Where(kv => kv.Value.InSet == set).Select(kv => new PortName(kv.Key)).ToList();
        return KernReturn.Success;
    }

    /// <summary>
    /// Where a receive on <paramref name="name"/> goes: its port (a receive right not in a set) or its
    /// port set. RcvInvalidName otherwise, RcvInSet for a member of a set.
    /// </summary>
    public MachMsgReturn CheckReceive(PortName name, out PortRef? target, out bool isSet)
    {
        target = null;
        isSet = false;
        if (Lookup(name) is not { Port: { } port } e) return MachMsgReturn.RcvInvalidName;
        if (e.Has(PortType.PortSet))
        {
            isSet = true;
            target = port;
            return MachMsgReturn.Success;
        }
        if (!e.Has(PortType.Receive)) return MachMsgReturn.RcvInvalidName;
        if (e.InSet != PortName.Null) return MachMsgReturn.RcvInSet;
        target = port;
        return MachMsgReturn.Success;
    }

    private void DestroySet(PortName name, IpcEntry set)
    {
        foreach (var member in _table.Values.Where(m => m.InSet == name))
        {
            member.InSet = PortName.Null;
            Tell(member.Port!, new PortMoveMember(null));
        }
        Tell(set.Port!, SetDestroyed.Instance);
    }
}
