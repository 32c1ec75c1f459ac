using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>The operations, issued as MachTask serves the thread's calls, each predicted by the model; and the tasks' side of the protocol.</summary>
internal sealed partial class IpcHarness
{
    private MRight _pendingRight;
    private long? _pendingPrevious;

    /// <summary>
    /// Runs one operation (and <paramref name="early"/>, issued before its messages are delivered), lets
    /// every message they caused be delivered, then compares the kernel with the model.
    /// </summary>
    public void Apply(IpcOp op, int index, IpcOp.Interrupt? early = null)
    {
        _event = $"op {index} ({op}{(early is null ? "" : " with " + early)})";
        var task = _tasks[op.Task % _tasks.Count];
        var model = _model.Tasks[task.Index];
        switch (op)
        {
            case IpcOp.Allocate a:
                Allocate(task, model, a.Right);
                break;
            case IpcOp.Deallocate d:
                var dn = Resolve(model, d.Name, e => e.Has(PortType.Send | PortType.SendOnce | PortType.DeadName));
                Expect(9, "deallocate", task.Space.Deallocate(dn), _model.Deallocate(model, dn));
                break;
            case IpcOp.Destroy d:
                var sn = Resolve(model, d.Name, null);
                Expect(5, "destroy", task.Space.Destroy(sn), _model.Destroy(model, sn));
                break;
            case IpcOp.ModRefs m:
                var mn = Resolve(model, m.Name, e => e.Has(m.Right switch
                {
                    PortRight.Send => PortType.Send, PortRight.Receive => PortType.Receive, PortRight.SendOnce => PortType.SendOnce,
                    PortRight.PortSet => PortType.PortSet, _ => PortType.DeadName,
                }));
                Expect(9, "mod_refs", task.Space.ModRefs(mn, m.Right, m.Delta), _model.ModRefs(model, mn, m.Right, m.Delta));
                break;
            case IpcOp.Insert i:
                Insert(task, model, i);
                break;
            case IpcOp.Extract x:
                Extract(task, x);
                break;
            case IpcOp.SetQLimit q:
                var qn = Resolve(model, q.Name, e => e.Has(PortType.Receive));
                Expect(7, "set_qlimit", task.Space.SetQLimit(qn, q.QLimit), _model.SetQLimit(model, qn, q.QLimit));
                break;
            case IpcOp.MoveMember mm:
                var member = Resolve(model, mm.Member, e => e.Has(PortType.Receive));
                var set = mm.Set.Kind == PickKind.Null ? PortName.Null : Resolve(model, mm.Set, e => e.Has(PortType.PortSet));
                Expect(2, "move_member", task.Space.MoveMember(member, set), _model.MoveMember(model, member, set));
                break;
            case IpcOp.Request r:
                Request(task, model, r);
                break;
            case IpcOp.Send s:
                Send(task, model, s);
                break;
            case IpcOp.Receive r:
                Receive(task, model, r);
                break;
            case IpcOp.Interrupt x:
                Interrupt(x, atRest: true);
                break;
        }
        Apply(task.Node, task.Space.TakeEffects());
        if (early is not null) Interrupt(early, atRest: false);
        _model.NoSendersRule(settled: false);
        Settle();
        CheckAborted();
        Reconcile();
    }

    private void Expect<T>(int property, string call, T kernel, T model)
    {
        if (!EqualityComparer<T>.Default.Equals(kernel, model)) Flag(property, $"{call} answered {kernel}, the model says {model}");
    }

    /// <summary>A name for <paramref name="pick"/> in <paramref name="t"/>'s space (a Held index not 3 mod 4 prefers a name that <paramref name="fits"/>).</summary>
    private PortName Resolve(MTask t, NamePick pick, Func<MEntry, bool>? fits)
    {
        var forged = (pick.Index % 3) switch
        {
            0 => new PortName(((uint)(100 + pick.Index) << 8) | 3),
            1 => new PortName(((uint)(1 + pick.Index) << 8) | 5),
            _ => new PortName(0xdead0000u + (uint)pick.Index),
        };
        List<uint> candidates = pick.Kind switch
        {
            PickKind.Held when fits is not null && pick.Index % 4 != 3 && t.Names.Where(kv => fits(kv.Value)).Select(kv => kv.Key).ToList() is { Count: > 0 } fit => fit,
            PickKind.Held => [.. t.Names.Keys],
            PickKind.Foreign => [.. _model.Tasks.Where(o => o != t).SelectMany(o => o.Names.Keys).Distinct().Order()],
            PickKind.Consumed => [.. t.Gone.Distinct()],
            _ => [],
        };
        return pick.Kind switch
        {
            PickKind.Null => PortName.Null,
            PickKind.Dead => PortName.Dead,
            _ when candidates.Count == 0 => forged,
            _ => new PortName(candidates[pick.Index % candidates.Count]),
        };
    }

    private CallerReply Call(SimThread thread, string kind)
    {
        thread.Pending = kind;
        thread.Result = null;
        return new CallerReply(thread.Node, ++_nextCall, thread.Id, _pset);
    }

    private SimThread? Idle(TaskHost task, int preferred) =>
        task.Threads[preferred % 2].Pending is null ? task.Threads[preferred % 2]
        : task.Threads[(preferred + 1) % 2].Pending is null ? task.Threads[(preferred + 1) % 2] : null;

    private void Allocate(TaskHost task, MTask model, PortRight right)
    {
        var id = _nextId++;
        var node = new IpcNode((right == PortRight.PortSet ? "set" : "port") + id, id, null);
        var port = right == PortRight.DeadName ? null : new PortRef(id, node);
        var result = task.Space.Allocate(right, port, out var name);
        Expect(2, "allocate", result, KernReturn.Success);
        if (result != KernReturn.Success) return;
        if (right == PortRight.Receive)
        {
            var state = new PortState(port!, task.Node);
            node.Host = state;
            _ports[id] = (node, state);
        }
        else if (right == PortRight.PortSet)
        {
            var state = new PortSetState(port!, () => VirtualTime.Zero);
            node.Host = state;
            _sets[id] = (node, state);
        }
        _model.Allocated(model, right, name, port?.Id);
    }

    private void Insert(TaskHost task, MTask model, IpcOp.Insert i)
    {
        var target = _tasks[i.Target % _tasks.Count];
        if (Idle(task, 0) is not { } caller) return;
        var targetModel = _model.Tasks[target.Index];
        var rightName = Resolve(model, i.Right, e => _model.CanCopyin(model, Name(model, e), i.Disposition, allowDead: false));
        var name = i.SameName ? rightName
            : i.NameSeed % 2 == 0 && targetModel.Names.Count > 0 ? new PortName(targetModel.Names.Keys.ElementAt(i.NameSeed % targetModel.Names.Count))
            : new PortName(((uint)(300 + i.NameSeed) << 8) | 3);
        var self = target == task;
        var arriving = IpcSpace.Arriving(i.Disposition);
        if (self && task.Space.PortOf(rightName) is { } port)
        {
            var check = task.Space.CheckInsert(name, port, arriving);
            Expect(1, "insert_right (check)", check, _model.CheckInsert(model, name, port.Id, arriving));
            if (check != KernReturn.Success) return;
        }
        var copied = task.Space.CopyinRight(rightName, i.Disposition, out var right);
        Expect(1, "insert_right (copyin)", copied, _model.CopyinRight(model, rightName, i.Disposition, out var expected));
        if (copied != KernReturn.Success) return;
        CheckRight("insert_right", right, expected);
        if (i.Disposition == MsgType.MoveReceive && task.Space.Lookup(rightName) is { } left && left.Has(PortType.Receive)) Flag(4, $"{rightName} still holds the receive right it moved");
        if (self)
        {
            Expect(1, "insert_right", task.Space.InsertRight(name, right), _model.InsertArrives(model, name, expected));
            return;
        }
        Apply(task.Node, task.Space.TakeEffects());
        _pendingRight = expected;
        Enqueue(target.Node, new InsertCarried(name, right, Call(caller, "call")));
    }

    private static PortName Name(MTask t, MEntry e) => new(t.Names.First(kv => ReferenceEquals(kv.Value, e)).Key);

    private void CheckRight(string where, CarriedRight kernel, MRight model)
    {
        if (IpcModel.Of(kernel) != model) Flag(1, $"{where}: the kernel copied in {kernel}, the model {model}");
    }

    private void Extract(TaskHost task, IpcOp.Extract x)
    {
        var from = _tasks[x.From % _tasks.Count];
        if (Idle(task, 0) is not { } thread) return;
        var fromModel = _model.Tasks[from.Index];
        var name = Resolve(fromModel, x.Name, e => _model.CanCopyin(fromModel, Name(fromModel, e), x.Desired, allowDead: false));
        var reply = Call(thread, "call");
        Enqueue(from.Node, new ExtractFrom(new PortCall.ExtractRight(null, name, x.Desired), task.Node, reply));
    }

    private void Request(TaskHost task, MTask model, IpcOp.Request r)
    {
        var name = Resolve(model, r.Name, e => e.Has(r.Variant == NotifyIds.NoSenders ? PortType.Receive : PortType.Send | PortType.SendOnce));
        var notify = Resolve(model, r.Notify, e => _model.CanCopyin(model, Name(model, e), r.NotifyDisposition, allowDead: false));
        if (Idle(task, 0) is not { } thread) return;
        var reply = Call(thread, "call");
        var kernel = task.Space.RequestNotification(name, r.Variant, r.Sync, notify, r.NotifyDisposition, reply, out var previous);
        var expected = _model.Request(model, name, r.Variant, r.Sync, notify, r.NotifyDisposition, out var previousPort);
        Expect(5, "request_notification", kernel, expected);
        if (kernel is null)
        {
            _pendingPrevious = previousPort;
            return;
        }
        thread.Pending = null;
        if (kernel == KernReturn.Success && expected == KernReturn.Success)
        {
            _model.Copyout(model, previousPort is { } q ? new MRight(q, MsgType.PortSendOnce) : MRight.Null, previous, "previous dead-name request");
        }
    }

    private void Send(TaskHost task, MTask model, IpcOp.Send s)
    {
        if (Idle(task, s.Thread) is not { } thread) return;
        bool Fits(MEntry e, MsgType d) => _model.CanCopyin(model, Name(model, e), d, allowDead: false);
        var dest = Resolve(model, s.Dest, e => Fits(e, s.DestDisposition));
        var local = s.ReplyDisposition == MsgType.None ? PortName.Null : Resolve(model, s.Reply, e => Fits(e, s.ReplyDisposition));
        (PortName Name, MsgType Disposition)? body = s.BodyDisposition == MsgType.None ? null : (Resolve(model, s.Body, e => Fits(e, s.BodyDisposition)), s.BodyDisposition);
        var header = new MsgHeader(dest, s.DestDisposition, local, s.ReplyDisposition, _nextMessage++);
        List<MsgItem> items = [new MsgItem.Int32((int)thread.Id), new MsgItem.Int32((int)++thread.Sent)];
        if (body is { } b) items.Add(new MsgItem.Port(b.Name, b.Disposition));
        var code = task.Space.CopyinSend(new MachMessage(header, [.. items]), MachMsgOption.Send, PortName.Null, out var message, out var notify); // as MachTask does (no SEND_NOTIFY here)
        var expected = _model.Copyin(model, header, body, out var modelled);
        if (code != expected)
        {
            var once = s.DestDisposition == MsgType.MoveSendOnce || s.ReplyDisposition == MsgType.MoveSendOnce || s.BodyDisposition == MsgType.MoveSendOnce;
            Flag(code == MachMsgReturn.Success ? (once ? 3 : 1) : 0, $"send answered {code}, the model says {expected}");
        }
        if (code != MachMsgReturn.Success || modelled is null) return;
        if (message!.Destination.Id != modelled.Dest || message.DestinationRight != modelled.DestKind || !IpcModel.ShapeOf(message).SequenceEqual(modelled.Shape))
        {
            Flag(1, $"the kernel made a message to {message.Destination}/{message.DestinationRight} carrying [{string.Join(", ", IpcModel.ShapeOf(message))}], the model one to p{modelled.Dest}/{modelled.DestKind} carrying [{string.Join(", ", modelled.Shape)}]");
        }
        if (body is { Disposition: MsgType.MoveReceive } moved && task.Space.Lookup(moved.Name) is { } left && left.Has(PortType.Receive)) Flag(4, $"{moved.Name} still holds the receive right it moved");
        var reply = Call(thread, "send");
        var rights = task.Space.FoldRightsFor(message.Destination); // as MachTask does
        Apply(task.Node, task.Space.TakeEffects());
        var options = MachMsgOption.Send | (s.Block && !s.Timed ? MachMsgOption.None : MachMsgOption.SendTimeout);
        Enqueue((IpcNode)message.Destination.Actor, new PortEnqueue(message, new SendWait(reply, task.Node, options, TimeoutOf(s.Block, s.Timed), false, notify), rights));
    }

    private void Receive(TaskHost task, MTask model, IpcOp.Receive r)
    {
        if (Idle(task, r.Thread) is not { } thread) return;
        var name = Resolve(model, r.Name, e => e.Has(PortType.Receive | PortType.PortSet));
        var code = task.Space.CheckReceive(name, out var target, out var isSet);
        Expect(2, "receive", code, _model.CheckReceive(model, name));
        if (code != MachMsgReturn.Success) return;
        var options = MachMsgOption.Receive | (r.Block && !r.Timed ? MachMsgOption.None : MachMsgOption.ReceiveTimeout);
        var wait = new ReceiveWait(Call(thread, "receive"), task.Node, options, IpcLimits.MsgSizeMax, TimeoutOf(r.Block, r.Timed));
        Enqueue((IpcNode)target!.Actor, isSet ? new SetReceive(wait) : new PortReceive(wait));
    }

    /// <summary>Plays MachTask.OnIpcMessage: deliveries and returned sends are copied out; deaths, request answers, inserts and extracts.</summary>
    private void StepTask(TaskHost task, object message)
    {
        var model = _model.Tasks[task.Index];
        var space = task.Space;
        switch (message)
        {
            case SpaceDeliver d:
                var received = space.CopyoutReceived(d.Message, d.Receiver.Options, d.Receiver.Notify, out _)!; // as MachTask does (no RCV_NOTIFY here)
                _model.Arrives(model, d.Message, received, reverse: true);
                Apply(task.Node, space.TakeEffects());
                Complete(d.Receiver.Reply, new MachMsgResult(MachMsgReturn.Success, received), d.Channel);
                if (d.ThenAnswer is { } then) Complete(then.Reply, then.Result, null);
                return;
            case SpaceSendReturned r:
                var returned = space.Copyout(r.Message, reverse: false);
                _model.Arrives(model, r.Message, returned, reverse: false);
                Apply(task.Node, space.TakeEffects());
                Complete(r.Sender.Reply, new MachMsgResult(r.Code, returned), r.Channel);
                return;
            case SpacePortDied died:
                space.PortDied(died.Port);
                _model.PortDied(model, died.Port.Id);
                break;
            case SpaceRequestDone done:
                Expect(5, "request_notification (no-senders)", done.Result, KernReturn.Success);
                if (done.Previous.Port?.Id != _pendingPrevious) Flag(5, $"the no-senders request replaced {done.Previous}, the model says p{_pendingPrevious}");
                var previous = space.RequestDone(done);
                _model.Copyout(model, IpcModel.Of(done.Previous), previous, "previous no-senders request");
                Apply(task.Node, space.TakeEffects());
                Complete(done.Reply, new PortCallReply(done.Result, previous), null);
                return;
            case InsertCarried insert:
                CheckRight("insert_right (arriving)", insert.Right, _pendingRight);
                Expect(1, "insert_right", space.InsertRight(insert.Name, insert.Right), _model.InsertArrives(model, insert.Name, _pendingRight));
                Apply(task.Node, space.TakeEffects());
                Complete(insert.Reply, new PortCallReply(KernReturn.Success), null);
                return;
            case ExtractFrom from:
                var result = space.CopyinRight(from.Call.Name, from.Call.Desired, out var right);
                Expect(1, "extract_right (copyin)", result, _model.CopyinRight(model, from.Call.Name, from.Call.Desired, out var expected));
                if (result == KernReturn.Success) CheckRight("extract_right", right, expected);
                if (result == KernReturn.Success && from.Call.Desired == MsgType.MoveReceive && space.Lookup(from.Call.Name) is { } left && left.Has(PortType.Receive))
                {
                    Flag(4, $"{from.Call.Name} still holds the receive right extracted from it");
                }
                _pendingRight = expected;
                Apply(task.Node, space.TakeEffects());
                Enqueue((IpcNode)from.Receiver, new ExtractCarried(result == KernReturn.Success ? right : CarriedRight.Null, result, from.Reply));
                return;
            case ExtractCarried carried:
                var name = carried.Result == KernReturn.Success ? space.CopyoutRight(carried.Right) : PortName.Null;
                if (carried.Result == KernReturn.Success) _model.Copyout(model, _pendingRight, name, "extract_right");
                Apply(task.Node, space.TakeEffects());
                Complete(carried.Reply, new PortCallReply(carried.Result, name), null);
                return;
            default:
                Flag(0, $"task {task.Index} got {message}");
                break;
        }
        Apply(task.Node, space.TakeEffects());
    }

    /// <summary>A wait's timeout: none (blocking), zero (a poll), or 1 ms (a timer the script may fire).</summary>
    private static Duration? TimeoutOf(bool block, bool timed) => !block ? Duration.Zero : timed ? Duration.FromMilliseconds(1) : null;

    /// <summary>
    /// thread_abort of a blocked thread (CancelWait to its wait's owner, as its processor set sends it),
    /// or a timer firing: a running one picked by the thread's index, or, when none runs, one already
    /// cancelled or fired (the kernel must ignore its stale key). <paramref name="atRest"/>: nothing else
    /// is in flight, so an aborted call must end interrupted (checked by <see cref="CheckAborted"/>).
    /// </summary>
    private void Interrupt(IpcOp.Interrupt x, bool atRest)
    {
        var thread = _tasks[x.Task % _tasks.Count].Threads[x.Thread % 2];
        if (x.Abort)
        {
            if (thread.Channel is not { } channel) return;
            thread.Aborted = atRest;
            Interrupts[atRest ? "abort" : "abort (early)"] = Interrupts.GetValueOrDefault(atRest ? "abort" : "abort (early)") + 1;
            Enqueue((IpcNode)channel.Owner, new CancelWait(thread.Id, channel, WakeAborted: true));
            return;
        }
        var pool = _timers.Count > 0 ? _timers : _firedTimers;
        if (pool.Count == 0) return;
        var (node, key) = pool[(int)(thread.Id % pool.Count)];
        var kind = (pool == _timers ? "timer" : "stale timer") + (atRest ? "" : " (early)");
        Interrupts[kind] = Interrupts.GetValueOrDefault(kind) + 1;
        _timers.Remove((node, key));
        _firedTimers.Add((node, key));
        Enqueue(node, new IpcTimeout(key));
    }

    /// <summary>Interrupts that reached something, by kind (abort, timer, stale timer; early or at rest), for the coverage test.</summary>
    internal Dictionary<string, int> Interrupts { get; } = [];

    /// <summary>A thread aborted at rest while blocked in a send or receive returned SendInterrupted or RcvInterrupted.</summary>
    private void CheckAborted()
    {
        foreach (var thread in _threads.Values.Where(t => t.Aborted))
        {
            thread.Aborted = false;
            var code = (thread.Result as MachMsgResult)?.Return;
            if (thread.Pending is not null || code is not (MachMsgReturn.SendInterrupted or MachMsgReturn.RcvInterrupted))
            {
                Flag(0, $"thread {thread.Id} was aborted while blocked, but {(thread.Pending is null ? $"its call returned {code}" : "it is still in its call")}");
            }
        }
    }
}
