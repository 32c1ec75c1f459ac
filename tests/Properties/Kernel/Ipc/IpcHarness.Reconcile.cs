using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>After each operation has settled: the kernel's state against the model's, and the global invariants.</summary>
internal sealed partial class IpcHarness
{
    /// <summary>Task <paramref name="task"/>'s space (for the checker tests, which tamper with it).</summary>
    internal IpcSpace SpaceOf(int task) => _tasks[task].Space;

    /// <summary>The reference model (for the checker tests).</summary>
    internal IpcModel Model => _model;

    /// <summary>Port <paramref name="id"/>'s state (for the checker tests).</summary>
    internal PortState PortOf(long id) => _ports[id].State;

    /// <summary>Runs the after-operation comparison now (for the checker tests).</summary>
    internal void CheckNow() => Reconcile();

    /// <summary>
    /// Every message the model has in transit is held by a port (queued or with a blocked sender).
    /// Then, per port: alive
    /// or dead as the model says (5), at most one receive right and the port's receiver is its holder
    /// (2), send-once messages no more than send-once rights made (3), srights as the model counts
    /// them. Per space: every name as the model has it (port, rights, urefs, request, set), urefs in
    /// range (9), only granted ports (1), no live right for a dead port (5). The notifications sent
    /// are the ones expected (5).
    /// </summary>
    private void Reconcile()
    {
        var queued = _ports.Values.SelectMany(p => p.State.QueuedMessages.Concat(p.State.BlockedMessages)).Where(m => m.Id >= FirstMessageId).ToList();
        var held = queued.Select(m => m.Id).ToHashSet();
        if (held.Count != queued.Count) Flag(3, "a message is held twice by the ports");
        foreach (var id in held.Where(id => !_model.Messages.TryGetValue(id, out var m) || !m.Live)) Flag(1, $"a port holds msg {id}, which the model has not in transit");
        foreach (var m in _model.Messages.Values.Where(m => m.Live && !held.Contains(m.Id)).ToList())
        {
            Flag(0, $"msg {m.Id} left the ports unseen");
            _model.Destroyed(m);
        }
        _model.NoSendersRule(settled: true);
        CheckPorts();
        for (var i = 0; i < _tasks.Count; i++) CheckSpace(_tasks[i], _model.Tasks[i]);
        CheckNotes();
    }

    private void CheckPorts()
    {
        foreach (var (id, (_, state)) in _ports)
        {
            var model = _model.Ports[id];
            if (state.Dead != model.Dead) Flag(5, $"p{id} is {(state.Dead ? "dead" : "alive")}, the model says {(model.Dead ? "dead" : "alive")}");
            if (model.SoUsed > model.SoMade) Flag(3, $"p{id} received {model.SoUsed} messages through send-once rights, but only {model.SoMade} were made");
            var receivers = _tasks.Where(t => t.Space.Names().Any(n => n.Type.HasFlag(PortType.Receive) && t.Space.PortOf(n.Name)?.Id == id)).ToList();
            if (receivers.Count > 1) Flag(2, $"p{id}'s receive right is held by {receivers.Count} tasks");
            if (state.Dead) continue;
            var holder = receivers.Count == 1 ? receivers[0].Node : null;
            if (!ReferenceEquals(state.Receiver, holder)) Flag(2, $"p{id}'s receiver is {state.Receiver?.ToString() ?? "nobody"}, but {holder?.ToString() ?? "no task"} holds its receive right");
            if (holder is not null && model.Holder != _tasks.First(t => t.Node == holder).Index) Flag(4, $"T{model.Holder} should hold p{id}'s receive right, {holder} does");
            var srights = _model.SRights(id);
            if (state.SRights != srights) Flag(0, $"p{id} counts {state.SRights} send rights, the model {srights}");
        }
    }

    private void CheckSpace(TaskHost task, MTask model)
    {
        var names = task.Space.Names();
        foreach (var (name, _) in names)
        {
            var e = task.Space.Lookup(name)!;
            var where = $"T{task.Index} {name}";
            if (e.Has(PortType.Send) && e.Urefs is < 1 or > IpcLimits.UrefsMax) Flag(9, $"{where}: a send right with {e.Urefs} urefs");
            if (e.Has(PortType.DeadName) && e.Urefs is < 1 or > IpcLimits.UrefsMax) Flag(9, $"{where}: a dead name with {e.Urefs} urefs");
            if (!e.Has(PortType.Send | PortType.DeadName) && e.Urefs != 0) Flag(9, $"{where}: {e.Type} with {e.Urefs} urefs");
            if (e.Port is { } p && !model.Granted.Contains(p.Id)) Flag(1, $"{where} names {p}, which T{task.Index} never created nor received");
            if (e.Port is { } d && _ports.TryGetValue(d.Id, out var port) && port.State.Dead && e.Has(PortType.Send | PortType.SendOnce))
            {
                Flag(5, $"{where} still holds a {e.Type} right for dead {d}");
            }
            if (!model.Names.TryGetValue(name.Value, out var m))
            {
                Flag(Property(e.Type), $"{where} holds {e.Type} for {e.Port?.ToString() ?? "nothing"}, the model has no such name");
                continue;
            }
            var kernel = (e.Type, e.Port?.Id, Urefs: e.Has(PortType.Send | PortType.DeadName) ? e.Urefs : 0, Request: e.DeadNameRequest?.Port?.Id, e.InSet.Value);
            var expected = (m.Type, m.Port, Urefs: m.Has(PortType.Send | PortType.DeadName) ? m.Urefs : 0, Request: m.DeadRequest, m.InSet);
            if (kernel != expected)
            {
                var property = kernel.Type != expected.Type ? Property(kernel.Type ^ expected.Type) : kernel.Urefs != expected.Urefs ? 9 : kernel.Request != expected.Request ? 5 : 1;
                Flag(property, $"{where} is {e.Type} p{e.Port?.Id} u{kernel.Urefs} dnr p{kernel.Request} set {e.InSet}, the model has {m}");
            }
        }
        foreach (var missing in model.Names.Keys.Where(n => !names.Any(k => k.Name.Value == n)))
        {
            var m = model.Names[missing];
            Flag(Property(m.Type), $"T{task.Index} 0x{missing:x} is gone, the model has {m}");
        }
    }

    /// <summary>The property a disagreement about these rights breaks.</summary>
    private static int Property(PortType type) =>
        type.HasFlag(PortType.Receive) ? 4 : type.HasFlag(PortType.SendOnce) ? 3 : type.HasFlag(PortType.DeadName) ? 5 : type.HasFlag(PortType.Send) ? 9 : 1;

    private void CheckNotes()
    {
        var expected = _model.ExpectedNotes.Select(n => $"{n.Id}->p{n.Dest} 0x{n.Name:x}").Order().ToList();
        var observed = _observedNotes.Select(n => $"{n.Id}->p{n.Dest} 0x{n.Name:x}").Order().ToList();
        if (!expected.SequenceEqual(observed))
        {
            Flag(5, $"notifications sent [{string.Join(", ", observed)}], expected [{string.Join(", ", expected)}]");
        }
        _model.ExpectedNotes.Clear();
        _observedNotes.Clear();
    }
}
