using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>The task's IPC space: mach_msg's halves, the mach_port_* calls, and the ports' answers (copyout, port death).</summary>
public sealed partial class MachTask
{
    private IpcSpace _space = null!;

    /// <summary>
    /// Serves an IPC call; false when <paramref name="request"/> is not one. MachMsgSend: copyin
    /// (its accounting goes out first, rule 3), then the message to its port with the sender
    /// (answered there, or by the receiver's space for a handoff); a copyin failure answers at
    /// once; a message with out-of-line memory goes to its port only after the shootdown
    /// (<see cref="SendWithMemory"/>). MachMsgReceive: the name is checked and the receive goes to the port or set. PortCall:
    /// see <see cref="ServePortCall"/>. KernelPortCall: see <see cref="ServeKernelPortCall"/>.
    /// </summary>
    private bool OnIpcCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case MachMsgSend s when CarriesMemory(s.Message):
                SendWithMemory(s, reply);
                break;
            case MachMsgSend s:
                var code = _space.CopyinSend(s.Message, s.Options, s.Notify, out var message, out var notify);
                var rights = code == MachMsgReturn.Success ? _space.FoldRightsFor(message!.Destination) : null;
                ApplySpaceEffects();
                if (code != MachMsgReturn.Success)
                {
                    reply.Send(new MachMsgResult(code), Self);
                    break;
                }
                Enqueue(s, reply, message!, notify, rights);
                break;
            case MachMsgReceive r:
                if (r.Handoff is not null) reply = reply with { DeclinesHandoffOnSend = true };
                var check = _space.CheckReceive(r.Name, out var target, out var isSet);
                if (check != MachMsgReturn.Success)
                {
                    reply.Send(new MachMsgResult(check), Self);
                    break;
                }
                var wait = new ReceiveWait(reply, Self, r.Options, r.MaxSize,
                    (r.Options & MachMsgOption.ReceiveTimeout) != 0 ? r.Timeout ?? Duration.Zero : null, r.Handoff, r.Notify);
                target!.Actor.Tell(isSet ? new SetReceive(wait) : new PortReceive(wait), Self);
                break;
            case PortCall call:
                ServePortCall(call, reply);
                ApplySpaceEffects();
                break;
            case KernelPortCall k:
                ServeKernelPortCall(k, reply);
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>
    /// The ports' and other tasks' answers: SpaceDeliver (copy out, answer or wake the receiver, then
    /// answer an RPC sender), SpaceSendReturned (pseudo-receive), SpacePortDied (dead names),
    /// SpaceMsgAccepted (the msg-accepted notification), SpaceRequestDone, InsertCarried, ExtractFrom, ExtractCarried. After termination every right
    /// that arrives is released, and a message handed straight to a receiver here is destroyed with its sender still answered (Success, without the handoff hint);
    /// a thread still in its receive or send call gets RcvPortDied or its send's code (its CPU holds it until the call returns). False when <paramref name="message"/> is not one of them.
    /// </summary>
    private bool OnIpcMessage(object message)
    {
        switch (message)
        {
            case SpaceDeliver d when _terminated:
                Destroy(d.Message, withDestination: false);
                if (d.Channel is null) d.Receiver.Reply.Send(new MachMsgResult(MachMsgReturn.RcvPortDied), Self); // a thread still in its call: the call must end for its termination to complete
                d.ThenAnswer?.Reply.Send(d.ThenAnswer.Result is IpcSendDone handedOff ? handedOff.Result : d.ThenAnswer.Result, Self); // the send itself succeeded; no handoff to a thread that is gone
                break;
            case SpaceDeliver d:
                _services.Status.MessageReceived();
                var copied = _space.CopyoutReceived(d.Message, d.Receiver.Options, d.Receiver.Notify, out var rcv);
                var received = new MachMsgResult(rcv, copied);
                ApplySpaceEffects();
                ApplyMemoryCopyout(d.Message);
                if (d.Channel is null) d.Receiver.Reply.Send(received, Self);
                // Only an RPC whose sender will block for its reply keeps the receiver for the sender's CPU (rule 6);
                // a one-way send wakes it as any wakeup does, so an idle CPU takes it at once.
                else d.Receiver.Reply.Wake(d.Channel, received, Self, d.ThenAnswer is { Result: IpcSendDone } then ? then.Reply.CallerThread : null);
                d.ThenAnswer?.Reply.Send(d.ThenAnswer.Result, Self); // after the receiver's wakeup: the handoff finds it queued
                break;
            case SpaceSendReturned r when _terminated:
                Destroy(r.Message, withDestination: true);
                if (r.Channel is null) r.Sender.Reply.Send(new MachMsgResult(r.Code), Self); // as above
                break;
            case SpaceSendReturned r:
                var returned = new MachMsgResult(r.Code, _space.Copyout(r.Message, reverse: false));
                ApplySpaceEffects();
                ApplyMemoryCopyout(r.Message);
                if (r.Channel is null) r.Sender.Reply.Send(returned, Self);
                else r.Sender.Reply.Wake(r.Channel, returned, Self);
                break;
            case SpaceMsgAccepted accepted:
                _space.MsgAccepted(accepted.Port, accepted.Notify); // after termination the name reads NULL
                ApplySpaceEffects();
                break;
            case SpacePortDied died:
                if (!_terminated) _space.PortDied(died.Port);
                ApplySpaceEffects();
                break;
            case SpaceRequestDone done when _terminated:
                Release([done.Previous]);
                break;
            case SpaceRequestDone done:
                var previous = _space.RequestDone(done);
                ApplySpaceEffects();
                done.Reply.Send(new PortCallReply(done.Result, previous), Self);
                break;
            case InsertCarried insert:
                var inserted = _terminated ? KernReturn.InvalidTask : _space.InsertRight(insert.Name, insert.Right);
                if (_terminated) Release([insert.Right]);
                ApplySpaceEffects();
                insert.Reply.Send(new PortCallReply(inserted), Self);
                break;
            case ExtractFrom from:
                var right = CarriedRight.Null;
                var result = _terminated ? KernReturn.InvalidTask : _space.CopyinRight(from.Call.Name, from.Call.Desired, out right);
                ApplySpaceEffects();
                from.Receiver.Tell(new ExtractCarried(result == KernReturn.Success ? right : CarriedRight.Null, result, from.Reply), Self);
                break;
            case ExtractCarried carried when _terminated:
                Release([carried.Right]);
                carried.Reply.Send(new PortCallReply(KernReturn.InvalidTask), Self);
                break;
            case ExtractCarried carried:
                var name = carried.Result == KernReturn.Success ? _space.CopyoutRight(carried.Right) : PortName.Null;
                ApplySpaceEffects();
                carried.Reply.Send(new PortCallReply(carried.Result, name, Arrived: carried.Right.Right), Self);
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>The mach_port_* calls on this space (see <see cref="IpcSpace"/> for each contract). Replies: <see cref="PortCallReply"/>, <see cref="PortNamesReply"/>, <see cref="PortStatus"/>.</summary>
    private void ServePortCall(PortCall call, CallerReply reply)
    {
        switch (call)
        {
            case PortCall.Allocate a:
                var port = a.Right switch
                {
                    PortRight.Receive => NewPortRef(Context.Spawn(Props.Create(() => new Port(Self, _services.Status) { SeededBugs = _services.Config.SeededBugs }))),
                    PortRight.PortSet => NewPortRef(Context.Spawn(Props.Create(() => new PortSet()))),
                    _ => null,
                };
                var allocated = _space.Allocate(a.Right, port, out var name, a.Name);
                if (allocated != KernReturn.Success && port is not null) Context.Stop(port.Actor);
                else if (allocated == KernReturn.Success && a.Right == PortRight.Receive) _services.Status.PortCreated();
                reply.Send(new PortCallReply(allocated, name), Self);
                break;
            case PortCall.Deallocate d:
                reply.Send(new PortCallReply(_space.Deallocate(d.Name)), Self);
                break;
            case PortCall.Destroy d:
                reply.Send(new PortCallReply(_space.Destroy(d.Name)), Self);
                break;
            case PortCall.ModRefs m:
                reply.Send(new PortCallReply(_space.ModRefs(m.Name, m.Right, m.Delta)), Self);
                break;
            case PortCall.GetRefs g:
                reply.Send(new PortCallReply(_space.GetRefs(g.Name, g.Right, out var refs), Value: refs), Self);
                break;
            case PortCall.TypeOf t:
                reply.Send(new PortCallReply(_space.Type(t.Name, out var type), Type: type), Self);
                break;
            case PortCall.Names:
                reply.Send(new PortNamesReply(KernReturn.Success, _space.Names()), Self);
                break;
            case PortCall.Rename r:
                reply.Send(new PortCallReply(_space.Rename(r.OldName, r.NewName)), Self);
                break;
            case PortCall.InsertRight i when IsOwnTask(i.Task):
                InsertRight(i, reply, target: null);
                break;
            case PortCall.ExtractRight e when IsOwnTask(e.Task):
                ExtractHere(e, reply);
                break;
            case PortCall.InsertRight { Task: { } task }:
                ResolveTask(task, call, reply);
                break;
            case PortCall.ExtractRight { Task: { } task }:
                ResolveTask(task, call, reply);
                break;
            case PortCall.SetQLimit q:
                reply.Send(new PortCallReply(_space.SetQLimit(q.Name, q.QLimit)), Self);
                break;
            case PortCall.SetMsCount m:
                reply.Send(new PortCallReply(_space.SetMsCount(m.Name, m.MsCount)), Self);
                break;
            case PortCall.SetSeqno q:
                reply.Send(new PortCallReply(_space.SetSeqno(q.Name, q.Seqno)), Self);
                break;
            case PortCall.MoveMember m:
                reply.Send(new PortCallReply(_space.MoveMember(m.Member, m.Set)), Self);
                break;
            case PortCall.RequestNotification n:
                if (_space.RequestNotification(n.Name, n.Variant, n.Sync, n.Notify, n.NotifyDisposition, reply, out var previous) is { } now)
                {
                    reply.Send(new PortCallReply(now, previous), Self);
                }
                break;
            case PortCall.GetReceiveStatus s:
                if (_space.Lookup(s.Name) is { Port: { } p } entry && entry.Has(PortType.Receive)) p.Actor.Tell(new PortGetStatus(reply), Self);
                else reply.Send(new PortStatus(KernReturn.InvalidName, 0, 0, 0, 0, 0, 0, false, false, 0, 0), Self);
                break;
        }
    }

    /// <summary>
    /// insert_right: copyin here (checked first against the target name when the target is this space),
    /// then the right arrives in the target (<paramref name="target"/>, null: this space).
    /// </summary>
    private void InsertRight(PortCall.InsertRight i, CallerReply reply, IActorRef? target)
    {
        var self = target is null || target.Equals(Self);
        if (self && _space.PortOf(i.Right) is { } port)
        {
            var check = _space.CheckInsert(i.Name, port, IpcSpace.Arriving(i.Disposition));
            if (check != KernReturn.Success)
            {
                reply.Send(new PortCallReply(check), Self);
                return;
            }
        }
        var copied = _space.CopyinRight(i.Right, i.Disposition, out var right);
        if (copied != KernReturn.Success)
        {
            reply.Send(new PortCallReply(copied), Self);
            return;
        }
        if (self) reply.Send(new PortCallReply(_space.InsertRight(i.Name, right)), Self);
        else
        {
            ApplySpaceEffects(); // the accounting reaches the port before the right moves on (rule 3)
            target!.Tell(new InsertCarried(i.Name, right, reply), Self);
        }
    }

    private static PortRef NewPortRef(IActorRef actor) => new(actor.Id.Value, actor);

    private void ApplySpaceEffects() => _space.ApplyEffects(Context);

    /// <summary>A message arriving at a terminated task: its rights are released and its memory discarded (and its destination right, for one that came back).</summary>
    private void Destroy(KernelMessage message, bool withDestination)
    {
        var effects = new List<IpcEffect>();
        if (withDestination) Notifications.Destroy(message, effects);
        else Notifications.ReleaseCarried(message, effects);
        IpcEffects.Apply(effects, Context);
    }

    private void Release(IEnumerable<CarriedRight> rights)
    {
        var effects = new List<IpcEffect>();
        foreach (var right in rights) Notifications.Release(right, effects);
        IpcEffects.Apply(effects, Context);
    }
}
