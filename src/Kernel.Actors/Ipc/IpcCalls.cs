using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

// The IPC kernel calls a thread makes to its own task's object (which hosts the space), and their
// replies. mach_msg is split into its send and receive halves; MachEnv.MachMsg issues both for an RPC.

/// <summary>mach_msg's send half. Reply: <see cref="MachMsgResult"/> (or <see cref="IpcSendDone"/> with a handoff hint for an RPC).</summary>
/// <param name="Message">The message (names in the caller's space).</param>
/// <param name="Options">The options (SendTimeout, ...).</param>
/// <param name="Timeout">With SendTimeout: how long a full queue may block the send (null or zero: fail at once).</param>
/// <param name="Rpc">A receive follows (Send|Receive).</param>
/// <param name="Notify">With SendNotify or SendCancel: the notify port, a receive right in the caller's space (else SendInvalidNotify).</param>
public sealed record MachMsgSend(MachMessage Message, MachMsgOption Options, Duration? Timeout, bool Rpc, PortName Notify = default) : KernelRequest;

/// <summary>mach_msg's receive half. Reply: <see cref="MachMsgResult"/>.</summary>
/// <param name="Name">rcv_name: a receive right not in a set, or a port set.</param>
/// <param name="Options">The options (ReceiveTimeout, ReceiveLarge, ...).</param>
/// <param name="MaxSize">rcv_size.</param>
/// <param name="Timeout">With ReceiveTimeout: how long to wait (null or zero: poll).</param>
/// <param name="Handoff">The RPC's handoff hint (from the send half), or null.</param>
/// <param name="Notify">With ReceiveNotify: the notify port for the reply right's dead-name request (a receive right, or NULL for none; else RcvInvalidNotify).</param>
public sealed record MachMsgReceive(PortName Name, MachMsgOption Options, int MaxSize, Duration? Timeout, long? Handoff, PortName Notify = default) : KernelRequest;

/// <summary>
/// A mach_port_* call on the caller's own space (or, for insert/extract, the space of the task a send
/// right in the caller's space names). Reply:
/// <see cref="PortCallReply"/> except where noted.
/// </summary>
public abstract record PortCall : KernelRequest
{
    /// <summary>mach_port_allocate (receive, port set, dead name); mach_reply_port is Allocate(Receive).</summary>
    /// <param name="Right">The right.</param>
    /// <param name="Name">allocate_name: the wanted name, or null.</param>
    public sealed record Allocate(PortRight Right, PortName? Name = null) : PortCall;

    /// <summary>mach_port_deallocate.</summary>
    /// <param name="Name">The name.</param>
    public sealed record Deallocate(PortName Name) : PortCall;

    /// <summary>mach_port_destroy.</summary>
    /// <param name="Name">The name.</param>
    public sealed record Destroy(PortName Name) : PortCall;

    /// <summary>mach_port_mod_refs.</summary>
    /// <param name="Name">The name.</param>
    /// <param name="Right">The right whose urefs change.</param>
    /// <param name="Delta">The change.</param>
    public sealed record ModRefs(PortName Name, PortRight Right, int Delta) : PortCall;

    /// <summary>mach_port_get_refs (the count in <see cref="PortCallReply.Value"/>).</summary>
    /// <param name="Name">The name.</param>
    /// <param name="Right">The right.</param>
    public sealed record GetRefs(PortName Name, PortRight Right) : PortCall;

    /// <summary>mach_port_type (the mask in <see cref="PortCallReply.Type"/>).</summary>
    /// <param name="Name">The name.</param>
    public sealed record TypeOf(PortName Name) : PortCall;

    /// <summary>mach_port_names. Reply: <see cref="PortNamesReply"/>.</summary>
    public sealed record Names : PortCall;

    /// <summary>mach_port_rename.</summary>
    /// <param name="OldName">The name now.</param>
    /// <param name="NewName">The name wanted.</param>
    public sealed record Rename(PortName OldName, PortName NewName) : PortCall;

    /// <summary>mach_port_insert_right: the caller's <paramref name="Right"/> (with <paramref name="Disposition"/>) arrives in <paramref name="Task"/> under <paramref name="Name"/>.</summary>
    /// <param name="Task">A send right to the target task's port in the caller's space (null: the caller's own task).</param>
    /// <param name="Name">The name in the target.</param>
    /// <param name="Right">The caller's name for the right.</param>
    /// <param name="Disposition">How it is copied in (MakeSend, CopySend, MoveReceive, ...).</param>
    public sealed record InsertRight(PortName? Task, PortName Name, PortName Right, MsgType Disposition) : PortCall;

    /// <summary>mach_port_extract_right: takes <paramref name="Name"/>'s right out of <paramref name="Task"/> as if it had sent it with <paramref name="Desired"/>; it arrives in the caller's space (name in <see cref="PortCallReply.Name"/>, type in <see cref="PortCallReply.Arrived"/>).</summary>
    /// <param name="Task">A send right to the giving task's port in the caller's space (null: the caller's own task).</param>
    /// <param name="Name">Its name there.</param>
    /// <param name="Desired">The disposition.</param>
    public sealed record ExtractRight(PortName? Task, PortName Name, MsgType Desired) : PortCall;

    /// <summary>mach_port_set_qlimit.</summary>
    /// <param name="Name">A receive right.</param>
    /// <param name="QLimit">0..QLimitMax.</param>
    public sealed record SetQLimit(PortName Name, int QLimit) : PortCall;

    /// <summary>mach_port_set_mscount.</summary>
    /// <param name="Name">A receive right.</param>
    /// <param name="MsCount">The new make-send count (not negative).</param>
    public sealed record SetMsCount(PortName Name, int MsCount) : PortCall;

    /// <summary>mach_port_set_seqno.</summary>
    /// <param name="Name">A receive right.</param>
    /// <param name="Seqno">The sequence number the next dequeued message gets (not negative).</param>
    public sealed record SetSeqno(PortName Name, long Seqno) : PortCall;

    /// <summary>mach_port_move_member (set NULL: leave the set).</summary>
    /// <param name="Member">A receive right.</param>
    /// <param name="Set">A port set, or NULL.</param>
    public sealed record MoveMember(PortName Member, PortName Set) : PortCall;

    /// <summary>mach_port_request_notification (the previous right's name in <see cref="PortCallReply.Name"/>).</summary>
    /// <param name="Name">The name the request is about.</param>
    /// <param name="Variant">A <see cref="NotifyIds"/> id: DeadName, NoSenders or PortDestroyed.</param>
    /// <param name="Sync">NoSenders: the mscount threshold; DeadName on a dead name: fire at once when nonzero.</param>
    /// <param name="Notify">The notify port (NULL: cancel).</param>
    /// <param name="NotifyDisposition">MakeSendOnce or MoveSendOnce.</param>
    public sealed record RequestNotification(PortName Name, int Variant, int Sync, PortName Notify, MsgType NotifyDisposition) : PortCall;

    /// <summary>mach_port_get_receive_status. Reply: <see cref="PortStatus"/>.</summary>
    /// <param name="Name">A receive right.</param>
    public sealed record GetReceiveStatus(PortName Name) : PortCall;
}

/// <summary>The answer to a <see cref="PortCall"/>.</summary>
/// <param name="Result">The Mach code.</param>
/// <param name="Name">A name (allocate, extract_right, request_notification's previous right), or NULL.</param>
/// <param name="Value">get_refs: the count.</param>
/// <param name="Type">type: the mask.</param>
/// <param name="Arrived">extract_right: what arrived.</param>
public sealed record PortCallReply(KernReturn Result, PortName Name = default, int Value = 0, PortType Type = PortType.None, MsgType Arrived = MsgType.None);

/// <summary>The answer to <see cref="PortCall.Names"/>.</summary>
/// <param name="Result">The Mach code.</param>
/// <param name="Names">Each name with its type mask, in name order.</param>
public sealed record PortNamesReply(KernReturn Result, IReadOnlyList<(PortName Name, PortType Type)> Names);

/// <summary>Task -> task: the rest of insert_right: <paramref name="Right"/> (copied in by the caller's task) arrives under <paramref name="Name"/>.</summary>
/// <param name="Name">The name in this space.</param>
/// <param name="Right">The right.</param>
/// <param name="Reply">The caller, answered with <see cref="PortCallReply"/>.</param>
public sealed record InsertCarried(PortName Name, CarriedRight Right, CallerReply Reply);

/// <summary>Task -> task: the rest of extract_right: <paramref name="Right"/> (copied in by the giving task) arrives in this space.</summary>
/// <param name="Right">The right (NULL when the copyin failed).</param>
/// <param name="Result">The giving task's copyin result.</param>
/// <param name="Reply">The caller, answered with <see cref="PortCallReply"/>.</param>
public sealed record ExtractCarried(CarriedRight Right, KernReturn Result, CallerReply Reply);

/// <summary>A <see cref="PortCall.ExtractRight"/> on its way to the giving task, with the task that receives the right.</summary>
/// <param name="Call">The call.</param>
/// <param name="Receiver">The calling task's actor.</param>
/// <param name="Reply">The caller.</param>
public sealed record ExtractFrom(PortCall.ExtractRight Call, IActorRef Receiver, CallerReply Reply);

/// <summary>
/// A kernel call that names its object by a port name in the caller's space, for calls that cannot
/// travel in a MIG message (thread_create with a program body, cthread join and detach). The caller's
/// space resolves the name (a send right, else the call's failure with InvalidName) and the port
/// passes the call to its kernel object (a dead or ordinary port: InvalidArgument). Reply: the call's own.
/// </summary>
/// <param name="Target">A send right to a kernel port.</param>
/// <param name="Request">The call.</param>
public sealed record KernelPortCall(PortName Target, Kern.KernelRequest Request) : Kern.KernelRequest;
