using MachActors.Kernel;
using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// The reference model of the IPC harness: which task holds which right to which port under which
/// name, with urefs, dead-name requests and set membership; which rights are in transit (in the
/// messages it saw copied in); which ports are alive. It is written from the spec (sections 1 and
/// 2), independently of IpcSpace: the harness asks it what every call must answer and what every
/// copyout must produce, and compares. Split: .Calls (mach_port_*), .Copy (copyin, copyout),
/// .Reconcile (the comparison with the kernel's state after each operation).
/// </summary>
internal sealed partial class IpcModel(List<IpcViolation> violations)
{
    /// <summary>The tasks, by index.</summary>
    public List<MTask> Tasks { get; } = [];

    /// <summary>Ports and port sets, by id.</summary>
    public Dictionary<long, MPort> Ports { get; } = [];

    /// <summary>The messages copied in, by msgh_id (unique per send).</summary>
    public Dictionary<int, MMsg> Messages { get; } = [];

    /// <summary>Notifications the model expects since the last reconcile (dead-name, port-deleted, no-senders): (notify port, id, name).</summary>
    public List<(long Dest, int Id, uint Name)> ExpectedNotes { get; } = [];

    /// <summary>Records a violation of <paramref name="property"/>.</summary>
    public void Flag(int property, string text) => violations.Add(new IpcViolation(property, text));

    /// <summary>Send rights for <paramref name="port"/> in existence: one per task naming it with a send right, plus those in live messages.</summary>
    public int SRights(long port) =>
        Tasks.Count(t => t.Names.Values.Any(e => e.Port == port && e.Has(PortType.Send)))
        + Messages.Values.Where(m => m.Live).Sum(m => m.SendsFor(port));

    internal MEntry? Lookup(MTask t, PortName name) => name.IsValid && t.Names.TryGetValue(name.Value, out var e) ? e : null;

    /// <summary>A name leaves the space: a pending dead-name request fires as port-deleted.</summary>
    private void Free(MTask t, uint name, MEntry e)
    {
        t.Names.Remove(name);
        t.Gone.Add(name);
        if (e.DeadRequest is { } q) ExpectedNotes.Add((q, NotifyIds.PortDeleted, name));
        e.DeadRequest = null;
    }

    private void DropSend(MTask t, uint name, MEntry e)
    {
        e.Type &= ~PortType.Send;
        e.Urefs = 0;
        if (e.Type == PortType.None) Free(t, name, e);
    }

    private void DropReceive(MTask t, uint name, MEntry e, bool destroy)
    {
        var port = Ports[e.Port!.Value];
        e.Type &= ~PortType.Receive;
        e.InSet = 0;
        port.Holder = null;
        if (destroy) Dies(port);
        if (e.Type == PortType.None) Free(t, name, e);
    }

    private void DestroySet(MTask t, uint name)
    {
        foreach (var member in t.Names.Values.Where(m => m.InSet == name)) member.InSet = 0;
    }

    /// <summary>
    /// A right that is destroyed (it is in no space and no live message any more): a receive right kills its port (no
    /// port-destroyed requests are generated); the last send right fires a no-senders request.
    /// </summary>
    public void Release(MRight r)
    {
        if (r is { Port: { } p, Kind: MsgType.PortReceive }) Dies(Ports[p]);
        if (r is { Port: { } s, Kind: MsgType.PortSend } && Ports[s] is { NoSenders: not null, Dead: false } port && SRights(s) == 0) FireNoSenders(port);
    }

    private static void Dies(MPort port)
    {
        port.Dead = true;
        port.Holder = null;
        port.NoSenders = null;
    }

    /// <summary>What a name holds for <paramref name="disposition"/> (dead names stand in for send and send-once rights when allowed).</summary>
    internal bool CanCopyin(MTask t, PortName name, MsgType disposition, bool allowDead)
    {
        if (Lookup(t, name) is not { } e) return false;
        var dead = allowDead && e.Has(PortType.DeadName);
        return disposition switch
        {
            MsgType.MoveReceive or MsgType.MakeSend or MsgType.MakeSendOnce => e.Has(PortType.Receive),
            MsgType.MoveSend or MsgType.CopySend => e.Has(PortType.Send) || dead,
            MsgType.MoveSendOnce => e.Has(PortType.SendOnce) || dead,
            _ => false,
        };
    }

    /// <summary>The right <paramref name="disposition"/> takes out of a name that holds it; the name changes as the disposition says (spec 1.3).</summary>
    internal MRight CopyinChecked(MTask t, PortName name, MsgType disposition)
    {
        var e = t.Names[name.Value];
        var kind = IpcSpace.Arriving(disposition);
        if (e.Has(PortType.DeadName))
        {
            if (disposition is MsgType.MoveSend or MsgType.MoveSendOnce && --e.Urefs == 0) Free(t, name.Value, e);
            return new MRight(null, kind, Dead: true);
        }
        var port = e.Port!.Value;
        switch (disposition)
        {
            case MsgType.MoveReceive:
                DropReceive(t, name.Value, e, destroy: false);
                break;
            case MsgType.MoveSend when e.Urefs > 1:
                e.Urefs--;
                break;
            case MsgType.MoveSend:
                DropSend(t, name.Value, e);
                break;
            case MsgType.MakeSend:
                Ports[port].MsCount++;
                break;
            case MsgType.MakeSendOnce:
                Ports[port].SoMade++;
                break;
            case MsgType.MoveSendOnce:
                e.Type &= ~PortType.SendOnce;
                Free(t, name.Value, e);
                break;
        }
        return new MRight(port, kind);
    }

    /// <summary>
    /// Gives an arriving right a name in <paramref name="t"/> and checks the kernel chose <paramref name="kernel"/> as the spec
    /// says: a send right joins the send/receive name of its port (one more uref, pinned at the maximum) or takes a fresh
    /// name; a send-once right always takes a fresh one; a receive right joins the send name or takes a fresh one.
    /// </summary>
    internal void Copyout(MTask t, MRight r, PortName kernel, string where)
    {
        if (r.Port is not { } p)
        {
            var expected = r.Dead ? PortName.Dead : PortName.Null;
            if (kernel != expected) Flag(1, $"{where}: T{t.Index} got {kernel} for {r}, expected {expected}");
            return;
        }
        t.Granted.Add(p);
        var existing = r.Kind == MsgType.PortSendOnce ? null : t.Reverse(p);
        if (existing is { } n)
        {
            if (kernel.Value != n) Flag(1, $"{where}: T{t.Index} got {r} under {kernel}, but it names that port 0x{n:x}");
            var e = t.Names[n];
            if (r.Kind == MsgType.PortSend && e.Has(PortType.Send)) e.Urefs = Math.Min(e.Urefs + 1, IpcLimits.UrefsMax);
            else if (r.Kind == MsgType.PortSend)
            {
                e.Type |= PortType.Send;
                e.Urefs = 1;
            }
            else ReceiveArrives(t, e, p);
            return;
        }
        if (!kernel.IsValid || t.Names.ContainsKey(kernel.Value))
        {
            Flag(1, $"{where}: T{t.Index} got {r} under {kernel}, which is not a fresh name");
            return;
        }
        var entry = new MEntry { Port = p, Type = r.Kind switch { MsgType.PortSend => PortType.Send, MsgType.PortSendOnce => PortType.SendOnce, _ => PortType.None } };
        if (r.Kind == MsgType.PortSend) entry.Urefs = 1;
        t.Names[kernel.Value] = entry;
        if (r.Kind == MsgType.PortReceive) ReceiveArrives(t, entry, p);
    }

    private void ReceiveArrives(MTask t, MEntry e, long port)
    {
        e.Type |= PortType.Receive;
        var p = Ports[port];
        if (p.Holder is { } h && !p.Dead) Flag(2, $"the receive right of p{port} arrived in T{t.Index} while T{h} holds it");
        if (!p.Dead) p.Holder = t.Index;
        p.MsCount = 0;
    }

    /// <summary>The port died and the space heard of it: its send and send-once names become dead names; dead-name requests fire (one more uref).</summary>
    public void PortDied(MTask t, long port)
    {
        foreach (var (name, e) in t.Names)
        {
            if (e.Port != port || !e.Has(PortType.Send | PortType.SendOnce) || e.Has(PortType.Receive | PortType.PortSet)) continue;
            var urefs = e.Has(PortType.Send) ? e.Urefs : 1;
            if (e.DeadRequest is { } q)
            {
                urefs++;
                ExpectedNotes.Add((q, NotifyIds.DeadName, name));
                e.DeadRequest = null;
            }
            e.Type = PortType.DeadName;
            e.Urefs = Math.Min(urefs, IpcLimits.UrefsMax);
            e.Port = null;
        }
    }

    /// <summary>The no-senders request of <paramref name="port"/> fires (the notification carries no name).</summary>
    public void FireNoSenders(MPort port)
    {
        ExpectedNotes.Add((port.NoSenders!.Value, NotifyIds.NoSenders, 0));
        port.NoSenders = null;
        port.NoSendersArmed = false;
    }

    /// <summary>Arms the no-senders requests of ports that have send rights now, and fires those whose send rights went to 0 (after settling).</summary>
    public void NoSendersRule(bool settled)
    {
        foreach (var port in Ports.Values.Where(p => p.NoSenders is not null && !p.Dead))
        {
            var srights = SRights(port.Id);
            if (srights > 0) port.NoSendersArmed = true;
            else if (settled && port.NoSendersArmed) FireNoSenders(port);
        }
    }
}
