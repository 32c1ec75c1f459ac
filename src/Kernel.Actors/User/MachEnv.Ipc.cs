using MachActors.Actors.Timing;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// IPC: mach_msg and its wrappers, mach_reply_port and the mach_port_* calls on the thread's own
/// space (insert and extract name a task by a send right to its port). Each is a kernel call to the thread's task.
/// </summary>
/// <example>
/// <code>
/// var port = await env.MachReplyPort();
/// await env.PortInsertRight(port, port, MsgType.MakeSend);
/// await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1000), [new MsgItem.Int32(42)]));
/// var got = await env.Receive(port);          // got.Message!.Body[0] is Int32(42), Seqno 0
/// </code>
/// </example>
public sealed partial class MachEnv
{
    /// <summary>
    /// mach_msg: with <see cref="MachMsgOption.Send"/> sends <paramref name="message"/>; with
    /// <see cref="MachMsgOption.Receive"/> then receives on <paramref name="receiveName"/> into a
    /// buffer of <paramref name="receiveSize"/> bytes. Both together are an RPC: when the send fails
    /// the call returns at once; when the message went straight to a blocked receiver, this thread's
    /// CPU is handed to it while this thread waits for its reply (IPC handoff). The send and the
    /// receive are two kernel calls. <paramref name="timeout"/> applies with SendTimeout /
    /// ReceiveTimeout (zero: do not wait). An interrupted send or receive returns SendInterrupted /
    /// RcvInterrupted (the trap's semantics: no automatic retry). <paramref name="notify"/> names a
    /// receive right for SendNotify (a full queue takes the message anyway, SendWillNotify, and a
    /// msg-accepted notification follows its dequeue; a second while it is queued: SendNotifyInProgress),
    /// SendCancel (a dead-name request on the moved destination right that used it goes quietly) and
    /// ReceiveNotify (a dead-name request for a reply right that gets a new name). SendWillNotify ends
    /// an RPC without its receive, as every result but Success does.
    /// </summary>
    public async Task<MachMsgResult> MachMsg(MachMessage? message, MachMsgOption options, int receiveSize = IpcLimits.MsgSizeMax,
        PortName receiveName = default, Duration? timeout = null, PortName notify = default)
    {
        long? handoff = null;
        if ((options & MachMsgOption.Send) != 0)
        {
            if (message is null) return new MachMsgResult(MachMsgReturn.SendInvalidData);
            var rpc = (options & MachMsgOption.Receive) != 0;
            var sent = await Call<object>(Task.Ref, new MachMsgSend(message, options, timeout, rpc, notify));
            MachMsgResult result;
            if (sent is IpcSendDone done)
            {
                result = done.Result;
                handoff = done.HandoffThread;
            }
            else
            {
                result = (MachMsgResult)sent;
            }
            if (result.Return != MachMsgReturn.Success || !rpc) return result;
        }
        if ((options & MachMsgOption.Receive) == 0) return new MachMsgResult(MachMsgReturn.Success);
        // Awaited as object, as the send is: one awaiter type, so the state machine every call allocates keeps one awaiter field.
        return (MachMsgResult)(await Call<object>(Task.Ref, new MachMsgReceive(receiveName, options, receiveSize, timeout, handoff, notify)))!;
    }

    /// <summary>Sends <paramref name="message"/>; with <paramref name="timeout"/> a full queue blocks at most that long (zero: not at all).</summary>
    public Task<MachMsgResult> Send(MachMessage message, Duration? timeout = null) =>
        MachMsg(message, MachMsgOption.Send | (timeout is null ? MachMsgOption.None : MachMsgOption.SendTimeout), timeout: timeout);

    /// <summary>Receives one message on <paramref name="name"/> (a receive right or a port set); with <paramref name="timeout"/> waits at most that long (zero: poll).</summary>
    public Task<MachMsgResult> Receive(PortName name, Duration? timeout = null, int size = IpcLimits.MsgSizeMax) =>
        MachMsg(null, MachMsgOption.Receive | (timeout is null ? MachMsgOption.None : MachMsgOption.ReceiveTimeout), size, name, timeout);

    /// <summary>An RPC: sends <paramref name="request"/> (whose Local is normally <paramref name="replyPort"/> with MakeSendOnce) and receives the reply on <paramref name="replyPort"/>.</summary>
    public Task<MachMsgResult> Rpc(MachMessage request, PortName replyPort, Duration? timeout = null) =>
        MachMsg(request, MachMsgOption.Send | MachMsgOption.Receive | (timeout is null ? MachMsgOption.None : MachMsgOption.ReceiveTimeout),
            receiveName: replyPort, timeout: timeout);

    /// <summary>mach_reply_port: a new receive right (NULL if that failed).</summary>
    public async Task<PortName> MachReplyPort() => (await PortAllocate(PortRight.Receive)).Name;

    /// <summary>mach_port_allocate: a receive right, a port set or a dead name.</summary>
    public TrapAwaitable<PortCallReply> PortAllocate(PortRight right) => Port(new PortCall.Allocate(right));

    /// <summary>mach_port_allocate_name: as <see cref="PortAllocate"/>, under <paramref name="name"/>.</summary>
    public TrapAwaitable<PortCallReply> PortAllocateName(PortRight right, PortName name) => Port(new PortCall.Allocate(right, name));

    /// <summary>mach_port_deallocate.</summary>
    public TrapAwaitable<PortCallReply> PortDeallocate(PortName name) => Port(new PortCall.Deallocate(name));

    /// <summary>mach_port_destroy.</summary>
    public TrapAwaitable<PortCallReply> PortDestroy(PortName name) => Port(new PortCall.Destroy(name));

    /// <summary>mach_port_mod_refs.</summary>
    public TrapAwaitable<PortCallReply> PortModRefs(PortName name, PortRight right, int delta) => Port(new PortCall.ModRefs(name, right, delta));

    /// <summary>mach_port_get_refs (the count in Value).</summary>
    public TrapAwaitable<PortCallReply> PortGetRefs(PortName name, PortRight right) => Port(new PortCall.GetRefs(name, right));

    /// <summary>mach_port_type (the mask in Type).</summary>
    public TrapAwaitable<PortCallReply> PortType(PortName name) => Port(new PortCall.TypeOf(name));

    /// <summary>mach_port_names.</summary>
    public TrapAwaitable<PortNamesReply> PortNames() => Call<PortNamesReply>(Task.Ref, new PortCall.Names());

    /// <summary>mach_port_rename.</summary>
    public TrapAwaitable<PortCallReply> PortRename(PortName oldName, PortName newName) => Port(new PortCall.Rename(oldName, newName));

    /// <summary>mach_port_insert_right into this task: the right named <paramref name="right"/>, copied in with <paramref name="disposition"/>, arrives under <paramref name="name"/>.</summary>
    public TrapAwaitable<PortCallReply> PortInsertRight(PortName name, PortName right, MsgType disposition) =>
        Port(new PortCall.InsertRight(null, name, right, disposition));

    /// <summary>
    /// mach_port_insert_right into the task whose port <paramref name="task"/> names (a send right in this
    /// space, e.g. a child's port from task_create, or <see cref="TaskSelf"/>). Codes: the insert's own
    /// (NameExists, RightExists, InvalidName for a bad <paramref name="right"/>, ...); InvalidName when
    /// <paramref name="task"/> holds no send right here; InvalidTask when its port is not a live task's.
    /// </summary>
    public TrapAwaitable<PortCallReply> PortInsertRight(PortName task, PortName name, PortName right, MsgType disposition) =>
        Port(new PortCall.InsertRight(task, name, right, disposition));

    /// <summary>
    /// mach_port_extract_right from the task whose port <paramref name="task"/> names (as for
    /// <see cref="PortInsertRight(PortName, PortName, PortName, MsgType)"/>): that task gives up
    /// <paramref name="name"/>'s right as if it had sent it with <paramref name="desired"/>, and the right
    /// arrives here (its name in Name, what arrived in Arrived).
    /// </summary>
    public TrapAwaitable<PortCallReply> PortExtractRight(PortName task, PortName name, MsgType desired) =>
        Port(new PortCall.ExtractRight(task, name, desired));

    /// <summary>mach_port_set_qlimit.</summary>
    public TrapAwaitable<PortCallReply> PortSetQLimit(PortName name, int qlimit) => Port(new PortCall.SetQLimit(name, qlimit));

    /// <summary>mach_port_set_mscount (a receive right; InvalidRight otherwise, InvalidValue when negative).</summary>
    public TrapAwaitable<PortCallReply> PortSetMsCount(PortName name, int msCount) => Port(new PortCall.SetMsCount(name, msCount));

    /// <summary>mach_port_set_seqno (a receive right; InvalidRight otherwise, InvalidValue when negative).</summary>
    public TrapAwaitable<PortCallReply> PortSetSeqno(PortName name, long seqno) => Port(new PortCall.SetSeqno(name, seqno));

    /// <summary>mach_port_move_member (NULL set: leave).</summary>
    public TrapAwaitable<PortCallReply> PortMoveMember(PortName member, PortName set) => Port(new PortCall.MoveMember(member, set));

    /// <summary>mach_port_request_notification (variant: a <see cref="NotifyIds"/> id); the previous right's name in Name.</summary>
    public TrapAwaitable<PortCallReply> PortRequestNotification(PortName name, int variant, int sync, PortName notify, MsgType notifyDisposition = MsgType.MakeSendOnce) =>
        Port(new PortCall.RequestNotification(name, variant, sync, notify, notifyDisposition));

    /// <summary>mach_port_get_receive_status.</summary>
    public TrapAwaitable<PortStatus> PortGetReceiveStatus(PortName name) => Call<PortStatus>(Task.Ref, new PortCall.GetReceiveStatus(name));

    private TrapAwaitable<PortCallReply> Port(PortCall call) => Call<PortCallReply>(Task.Ref, call);
}
