using MachActors.Actors;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// A task's IPC space (ipc/ipc_space.c, ipc_right.c, ipc_object.c) as a plain class, hosted by the
/// task actor: the name table (entries with their rights, urefs and dead-name requests), the reverse
/// map port -> name for send and receive rights (one name per port; a fresh name per send-once
/// right), copyin and copyout of rights and messages, and the mach_port_* calls. Every call returns
/// its Mach code; what it does outside (accounting to ports, notifications) is queued as
/// <see cref="IpcEffect"/>s, taken with <see cref="TakeEffects"/> and carried out in order by the host.
/// Split by concern: .Calls (mach_port_*), .Copyin, .Copyout.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. A port has at most one entry with Send or Receive in the space, and <see cref="_reverse"/> maps the port to it.
/// 2. <see cref="_holders"/> counts, per port, the entries naming it; the port has been told
///    <see cref="PortHolderAdded"/> while the count is positive. Registration is sticky
///    (<see cref="_registered"/>): it lasts until the port dies or the space is destroyed, so a right
///    that comes and goes (a reply right per RPC) costs no messages; a port's death told to a space
///    that no longer names it changes nothing.
/// 3. Every right that leaves a name is accounted: moved into a message, or released (rule 3).
/// </remarks>
public sealed partial class IpcSpace
{
    private readonly SortedDictionary<uint, IpcEntry> _table = [];
    private readonly Dictionary<long, PortName> _reverse = [];
    private readonly Dictionary<long, int> _holders = [];
    private readonly Dictionary<long, PortRef> _registered = [];
    private List<IpcEffect> _effects = [];
    private List<IpcEffect>? _spareEffects = []; // ApplyEffects swaps the lists instead of copying (null while one is being applied)
    private uint _nextIndex = 1;
    private PortRef? _cancelFor; // SEND_CANCEL, while the destination right is copied in: the notify port whose dead-name requests go quietly

    /// <summary>A space owned by <paramref name="owner"/> (the task actor, which ports answer).</summary>
    public IpcSpace(IActorRef owner) => Owner = owner;

    /// <summary>The actor hosting the space.</summary>
    public IActorRef Owner { get; }

    /// <summary>The address space out-of-line memory is copied from and to (the hosting task); null: out-of-line memory is refused.</summary>
    public IMessageMemory? Memory { get; set; }

    /// <summary>Names in use.</summary>
    public int Count => _table.Count;

    /// <summary>
    /// Takes the queued rights-count changes for <paramref name="port"/> out of the effects and returns
    /// their sum, so the send can carry them in its <see cref="PortEnqueue"/> (rule 3 holds: the port
    /// applies them before it queues the message that carries the rights). Only when every queued
    /// effect for that port is a <see cref="PortRightsChanged"/>; otherwise (or with none) nothing is
    /// taken and null is returned.
    /// </summary>
    public PortRightsChanged? FoldRightsFor(PortRef port)
    {
        int send = 0, sendOnce = 0, made = 0, found = 0;
        PortRightsChanged? first = null;
        foreach (var effect in _effects)
        {
            if (effect is not IpcEffect.Tell tell || !ReferenceEquals(tell.To, port.Actor)) continue;
            if (tell.Message is not PortRightsChanged c) return null;
            first ??= c;
            send += c.Send;
            sendOnce += c.SendOnce;
            made += c.MadeSend;
            found++;
        }
        if (found == 0) return null;
        var kept = 0; // the folded Tells leave in place, without a capturing lambda (this runs for every send)
        for (var i = 0; i < _effects.Count; i++)
        {
            if (_effects[i] is IpcEffect.Tell t && ReferenceEquals(t.To, port.Actor)) continue;
            _effects[kept++] = _effects[i];
        }
        _effects.RemoveRange(kept, _effects.Count - kept);
        return found == 1 ? first : new PortRightsChanged(send, sendOnce, made); // one change: itself (a record: the same values)
    }

    /// <summary>The effects of the calls since the last take, in order; forgets them.</summary>
    public IReadOnlyList<IpcEffect> TakeEffects()
    {
        if (_effects.Count == 0) return [];
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>
    /// Carries out the effects of the calls since the last take, in order, as the actor of
    /// <paramref name="context"/>, and forgets them: the host's <see cref="TakeEffects"/> without the
    /// copy (the list is swapped for a spare one, so effects queued while these are carried out wait for
    /// the next take, as after <see cref="TakeEffects"/>).
    /// </summary>
    public void ApplyEffects(IActorContext context)
    {
        if (_effects.Count == 0) return;
        var taken = _effects;
        _effects = _spareEffects ?? [];
        _spareEffects = null;
        IpcEffects.Apply(taken, context);
        taken.Clear();
        _spareEffects = taken;
    }

    /// <summary>The port a name holds a live right for (send, receive, send-once), or the set of a set name; null otherwise.</summary>
    public PortRef? PortOf(PortName name) => Lookup(name) is { Port: { } port } ? port : null;

    /// <summary>The name under which the space holds a send or receive right for <paramref name="port"/>, or NULL.</summary>
    public PortName NameOf(PortRef port) => _reverse.GetValueOrDefault(port.Id, PortName.Null);

    /// <summary>
    /// <paramref name="port"/> died (<see cref="SpacePortDied"/>). Every entry holding a send or
    /// send-once right for it becomes a dead name keeping its urefs (send-once: 1). An entry with a
    /// dead-name request gains one uref and its dead-name notification is sent. Unknown ports are ignored.
    /// </summary>
    public void PortDied(PortRef port)
    {
        _registered.Remove(port.Id);
        if (!_holders.ContainsKey(port.Id)) return; // names nothing of it (registration outlived the rights)
        foreach (var (value, entry) in _table)
        {
            if (entry.Port != port || !entry.Has(PortType.Send | PortType.SendOnce) || entry.Has(PortType.Receive | PortType.PortSet)) continue;
            var urefs = entry.Has(PortType.Send) ? entry.Urefs : 1;
            if (entry.DeadNameRequest is { } request)
            {
                entry.DeadNameRequest = null;
                urefs++;
                Notifications.Send(Notifications.NameNotification(request, NotifyIds.DeadName, new PortName(value)), _effects);
            }
            entry.Type = PortType.DeadName;
            entry.Urefs = Math.Min(urefs, IpcLimits.UrefsMax);
            entry.Port = null;
        }
        if (_reverse.TryGetValue(port.Id, out var name) && Lookup(name) is { Port: null }) _reverse.Remove(port.Id);
        _holders.Remove(port.Id);
    }

    internal IpcEntry? Lookup(PortName name) => name.IsValid && _table.TryGetValue(name.Value, out var entry) ? entry : null;

    /// <summary>An unused name (index in the high bits, a fixed generation in the low byte).</summary>
    private PortName FreshName()
    {
        while (true)
        {
            var value = (_nextIndex++ << 8) | 3;
            if (value != uint.MaxValue && !_table.ContainsKey(value)) return new PortName(value);
        }
    }

    private PortName NewEntry(PortName name, IpcEntry entry)
    {
        _table[name.Value] = entry;
        if (entry.Port is { } port)
        {
            if (entry.Has(PortType.Send | PortType.Receive)) _reverse[port.Id] = name;
            if (!entry.Has(PortType.PortSet)) AddHolder(port);
        }
        return name;
    }

    private void AddHolder(PortRef port, bool announce = true)
    {
        var count = _holders.GetValueOrDefault(port.Id);
        _holders[port.Id] = count + 1;
        if (count == 0 && _registered.TryAdd(port.Id, port) && announce) _effects.Add(new IpcEffect.Tell(port.Actor, new PortHolderAdded(Owner)));
    }

    private void DropHolder(PortRef port)
    {
        if (!_holders.TryGetValue(port.Id, out var count)) return;
        if (count > 1)
        {
            _holders[port.Id] = count - 1;
            return;
        }
        _holders.Remove(port.Id); // still registered (invariant 2): the port keeps telling this space of its death
    }

    /// <summary>The space is going (task_terminate): every port it registered with forgets it.</summary>
    private void Unregister()
    {
        foreach (var port in _registered.Values) _effects.Add(new IpcEffect.Tell(port.Actor, new PortHolderRemoved(Owner)));
        _registered.Clear();
    }

    /// <summary>Removes a name whose last right went; a pending dead-name request becomes a port-deleted notification (or, cancelled by SEND_CANCEL, goes quietly).</summary>
    private void FreeEntry(PortName name, IpcEntry entry)
    {
        _table.Remove(name.Value);
        if (entry.Port is { } port && !entry.Has(PortType.PortSet))
        {
            if (_reverse.TryGetValue(port.Id, out var n) && n == name) _reverse.Remove(port.Id);
            DropHolder(port);
        }
        if (entry.DeadNameRequest is { } request)
        {
            entry.DeadNameRequest = null;
            if (_cancelFor is { } cancel && request.Port == cancel) Notifications.ReleaseQuietly(request, _effects); // SEND_CANCEL
            else Notifications.Send(Notifications.NameNotification(request, NotifyIds.PortDeleted, name), _effects);
        }
    }

    /// <summary>The send right leaves the name (all urefs): released (srights - 1) or moved into a message.</summary>
    private void DropSend(PortName name, IpcEntry entry, bool release)
    {
        var port = entry.Port!;
        entry.Type &= ~PortType.Send;
        entry.Urefs = 0;
        if (release) _effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(-1, 0, 0)));
        if (entry.Type == PortType.None) FreeEntry(name, entry);
    }

    /// <summary>The send-once right leaves the name: released (its send-once notification) or moved into a message.</summary>
    private void DropSendOnce(PortName name, IpcEntry entry, bool release)
    {
        var port = entry.Port!;
        entry.Type &= ~PortType.SendOnce;
        FreeEntry(name, entry);
        if (release) Notifications.Release(CarriedRight.SendOnce(port), _effects);
    }

    /// <summary>The receive right leaves the name: destroyed (the port dies) or moved into a message. Set membership ends with it.</summary>
    private void DropReceive(PortName name, IpcEntry entry, bool destroy)
    {
        var port = entry.Port!;
        entry.Type &= ~PortType.Receive;
        entry.InSet = PortName.Null;
        _effects.Add(new IpcEffect.Tell(port.Actor, destroy ? PortDestroyReceive.Instance : PortReceiveMoved.Instance));
        if (entry.Type == PortType.None) FreeEntry(name, entry);
    }
}
