using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Ipc;

// The messages between spaces (task actors), ports, port sets and the threads' callers. A space
// never reads a port's state and a port never reads a space's: this is all they learn of each other.
// Causal enqueue (src/Actors/README.md) orders a space's accounting messages to a port before
// anything it hands on afterwards (docs/IPC.md rule 3).

/// <summary>A sending thread, as the port sees it while the send is pending.</summary>
/// <param name="Reply">The sending thread's call.</param>
/// <param name="Space">The sender's space (gets the message back by pseudo-receive after a failure).</param>
/// <param name="Options">The mach_msg options (SendTimeout, SendAlways, ...).</param>
/// <param name="Timeout">How long a full queue may block the send (null: forever; zero: not at all).</param>
/// <param name="Rpc">The sender will receive its reply next (Send|Receive): a handoff hint is wanted.</param>
/// <param name="Notify">
/// SEND_NOTIFY: the send-once right (made from the sender's notify receive right) a msg-accepted
/// notification goes to if the port queues the message past its limit; the port releases it quietly
/// when unused. NULL: no SEND_NOTIFY.
/// </param>
public sealed record SendWait(CallerReply Reply, IActorRef Space, MachMsgOption Options, Duration? Timeout, bool Rpc, CarriedRight Notify = default);

/// <summary>A receiving thread, as the port or port set sees it while the receive is pending.</summary>
/// <param name="Reply">The receiving thread's call.</param>
/// <param name="Space">The receiver's space (copies the message out).</param>
/// <param name="Options">The mach_msg options (ReceiveTimeout, ReceiveLarge, ...).</param>
/// <param name="MaxSize">The receive buffer's size (rcv_size).</param>
/// <param name="Timeout">How long to wait (null: forever; zero: poll).</param>
/// <param name="Handoff">A thread to hand the CPU to if this receive blocks (the RPC's server).</param>
/// <param name="Notify">RCV_NOTIFY: the notify port's name in the receiver's space (checked at copyout), or NULL.</param>
public sealed record ReceiveWait(CallerReply Reply, IActorRef Space, MachMsgOption Options, int MaxSize, Duration? Timeout, long? Handoff = null, PortName Notify = default);

/// <summary>An answer to send once a message has reached its receiver's space (the RPC handoff hint goes after the receiver's wakeup).</summary>
/// <param name="Reply">The sender's call.</param>
/// <param name="Result">What the send returns.</param>
public sealed record SendAnswer(CallerReply Reply, object Result);

/// <summary>Anyone -> port: queue <paramref name="Message"/>. <paramref name="Sender"/> null: a kernel send (notifications), which never blocks.</summary>
/// <param name="Message">The message (destination: this port).</param>
/// <param name="Sender">The sending thread, or null.</param>
/// <param name="Rights">
/// The copyin's rights-count changes for this port (rule 3), carried with the message instead of as a
/// separate <see cref="PortRightsChanged"/> (one step fewer per send); applied before the message is
/// queued, so before anyone can use the rights it carries. Null: none.
/// </param>
public sealed record PortEnqueue(KernelMessage Message, SendWait? Sender, PortRightsChanged? Rights = null);

/// <summary>Space -> port: receive one message (the space checked that it holds the receive right, not in a set).</summary>
/// <param name="Receiver">The receiving thread.</param>
public sealed record PortReceive(ReceiveWait Receiver);

/// <summary>Space or message destroyer -> port: the port's rights counts changed by these deltas (rule 3).</summary>
/// <param name="Send">Change of srights.</param>
/// <param name="SendOnce">Change of sorights.</param>
/// <param name="MadeSend">Send rights made from the receive right (mscount increment).</param>
public sealed record PortRightsChanged(int Send, int SendOnce, int MadeSend);

/// <summary>Space -> port: the space now names the port (tell it <see cref="SpacePortDied"/> when it dies; at once if dead).</summary>
/// <param name="Space">The space.</param>
public sealed record PortHolderAdded(IActorRef Space);

/// <summary>Space -> port: the space no longer names the port.</summary>
/// <param name="Space">The space.</param>
public sealed record PortHolderRemoved(IActorRef Space);

/// <summary>Space -> port: its receive right left the space in a message (in transit): receivers get RcvPortDied, the port leaves its set.</summary>
public sealed record PortReceiveMoved
{
    /// <summary>The one instance.</summary>
    public static readonly PortReceiveMoved Instance = new();
}

/// <summary>Space -> port: its receive right arrived in <paramref name="Space"/>; mscount and seqno reset to 0.</summary>
/// <param name="Space">The new receiver.</param>
public sealed record PortReceiveArrived(IActorRef Space);

/// <summary>Anyone -> port: its receive right is destroyed (spec 1.4: backup check, then death).</summary>
public sealed record PortDestroyReceive
{
    /// <summary>The one instance.</summary>
    public static readonly PortDestroyReceive Instance = new();
}

/// <summary>Space -> port: mach_port_set_qlimit (already range-checked).</summary>
/// <param name="QLimit">0..QLimitMax.</param>
public sealed record PortSetQLimit(int QLimit);

/// <summary>Space -> port: mach_port_set_mscount (already checked).</summary>
/// <param name="MsCount">The new make-send count.</param>
public sealed record PortSetMsCount(int MsCount);

/// <summary>Space -> port: mach_port_set_seqno (already checked).</summary>
/// <param name="Seqno">The next sequence number.</param>
public sealed record PortSetSeqno(long Seqno);

/// <summary>Space -> port: join <paramref name="Set"/> (leaving any other), or leave (null).</summary>
/// <param name="Set">The port set, or null.</param>
public sealed record PortMoveMember(PortRef? Set);

/// <summary>
/// Space -> port: register (or cancel, NULL) a no-senders (<see cref="NotifyIds.NoSenders"/>) or
/// port-destroyed (<see cref="NotifyIds.PortDestroyed"/>) request. The port answers the space with
/// <see cref="SpaceRequestDone"/> carrying the previous right.
/// </summary>
/// <param name="Variant">NoSenders or PortDestroyed.</param>
/// <param name="Sync">NoSenders: the mscount threshold.</param>
/// <param name="Notify">A send-once right, or NULL to cancel.</param>
/// <param name="Reply">The caller, answered by the space.</param>
/// <param name="Space">The requesting space.</param>
public sealed record PortRequestNotification(int Variant, int Sync, CarriedRight Notify, CallerReply Reply, IActorRef Space);

/// <summary>Anyone -> port: answer <paramref name="Reply"/> with the port's <see cref="PortStatus"/> (mach_port_get_receive_status).</summary>
/// <param name="Reply">The caller.</param>
public sealed record PortGetStatus(CallerReply Reply);

/// <summary>A port's receive status (mach_port_get_receive_status, plus srights and liveness for tests).</summary>
/// <param name="Result">Success (InvalidName when asked of a name without a receive right).</param>
/// <param name="Seqno">The next sequence number.</param>
/// <param name="MsCount">The make-send count.</param>
/// <param name="QLimit">The queue limit.</param>
/// <param name="MsgCount">Queued messages.</param>
/// <param name="SRights">Send rights in existence.</param>
/// <param name="SORights">Send-once rights in existence.</param>
/// <param name="InSet">Whether the port is in a port set.</param>
/// <param name="Dead">Whether the port has died.</param>
/// <param name="BlockedSenders">Senders blocked on the full queue.</param>
/// <param name="WaitingReceivers">Threads blocked receiving directly on it.</param>
public sealed record PortStatus(
    KernReturn Result, long Seqno, int MsCount, int QLimit, int MsgCount, int SRights, int SORights, bool InSet, bool Dead, int BlockedSenders, int WaitingReceivers);

/// <summary>Port set -> member port: dequeue one message for <paramref name="Receiver"/> (or answer <see cref="SetDequeueMiss"/>).</summary>
/// <param name="Receiver">The receiving thread.</param>
/// <param name="Channel">Its wait, when it blocked.</param>
/// <param name="Set">The set asking.</param>
/// <param name="Deadline">When the receive times out (null: never), echoed in a miss.</param>
public sealed record PortSetDequeue(ReceiveWait Receiver, WaitChannel? Channel, PortRef Set, VirtualTime? Deadline);

/// <summary>Timer -> port or port set: the wait with <paramref name="Key"/> timed out.</summary>
/// <param name="Key">The wait's key.</param>
public sealed record IpcTimeout(long Key);

/// <summary>Space -> port set: receive one message from any member.</summary>
/// <param name="Receiver">The receiving thread.</param>
public sealed record SetReceive(ReceiveWait Receiver);

/// <summary>Space -> port set: the set was destroyed; waiting receivers get RcvPortDied.</summary>
public sealed record SetDestroyed
{
    /// <summary>The one instance.</summary>
    public static readonly SetDestroyed Instance = new();
}

/// <summary>Member port -> set: it joined, with <paramref name="Queued"/> messages.</summary>
/// <param name="Port">The member.</param>
/// <param name="Queued">Its queue length.</param>
public sealed record SetMemberJoined(PortRef Port, int Queued);

/// <summary>Member port -> set: one more message is queued.</summary>
/// <param name="Port">The member.</param>
public sealed record SetMemberEnqueued(PortRef Port);

/// <summary>Member port -> set: it left the set (moved, died, or its receive right moved).</summary>
/// <param name="Port">The former member.</param>
public sealed record SetMemberLeft(PortRef Port);

/// <summary>Member port -> set: it had nothing for <paramref name="Receiver"/> (or is no longer a member); try again.</summary>
/// <param name="Receiver">The receiving thread.</param>
/// <param name="Channel">Its wait, when it blocked.</param>
/// <param name="Deadline">When the receive times out (null: never).</param>
public sealed record SetDequeueMiss(ReceiveWait Receiver, WaitChannel? Channel, VirtualTime? Deadline);

/// <summary>Port -> space: the port died; the space's rights for it become dead names.</summary>
/// <param name="Port">The port.</param>
public sealed record SpacePortDied(PortRef Port);

/// <summary>
/// Port -> receiver's space: copy <paramref name="Message"/> out for <paramref name="Receiver"/> and
/// answer it (wake it when it blocked on <paramref name="Channel"/>), then send <paramref name="ThenAnswer"/>.
/// </summary>
/// <param name="Message">The dequeued message (seqno stamped).</param>
/// <param name="Receiver">The receiving thread.</param>
/// <param name="Channel">Its wait, when it blocked; null when it is still in its call.</param>
/// <param name="ThenAnswer">The sender's answer, sent after the receiver's wakeup (RPC handoff), or null.</param>
public sealed record SpaceDeliver(KernelMessage Message, ReceiveWait Receiver, WaitChannel? Channel, SendAnswer? ThenAnswer);

/// <summary>Port -> sender's space: the send failed with <paramref name="Code"/>; pseudo-receive the message and answer the sender.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sending thread.</param>
/// <param name="Channel">Its wait, when it blocked.</param>
/// <param name="Code">SendTimedOut or SendInterrupted.</param>
public sealed record SpaceSendReturned(KernelMessage Message, SendWait Sender, WaitChannel? Channel, MachMsgReturn Code);

/// <summary>Port -> sending space: the message it forced onto the full queue (SEND_NOTIFY) was dequeued; send the msg-accepted notification.</summary>
/// <param name="Port">The port the message was sent to (the notification names the space's send right for it, or NULL).</param>
/// <param name="Notify">The send-once right the notification goes to.</param>
public sealed record SpaceMsgAccepted(PortRef Port, CarriedRight Notify);

/// <summary>Port -> space: a notification request was registered; copy the previous right out and answer the caller.</summary>
/// <param name="Reply">The caller.</param>
/// <param name="Previous">The previous notify right (NULL if none).</param>
/// <param name="Result">Success, or a failure (the new right was then released).</param>
public sealed record SpaceRequestDone(CallerReply Reply, CarriedRight Previous, KernReturn Result);

/// <summary>What a send trap returns when the message went straight to a blocked receiver: the hint for the sender's receive.</summary>
/// <param name="Result">The send's result.</param>
/// <param name="HandoffThread">The receiver's thread id.</param>
public sealed record IpcSendDone(MachMsgResult Result, long HandoffThread);

/// <summary>Kernel port -> its kernel object: a message sent to the port (dequeued: seqno stamped, destination right consumed).</summary>
/// <param name="Message">The message; its reply right and body rights now belong to the object.</param>
public sealed record KernelPortMessage(KernelMessage Message);

/// <summary>
/// Space -> kernel port: a call a thread made naming the port (a kernel call that cannot travel in a
/// message, e.g. thread_create with a program body). The port forwards it to its kernel object, or
/// answers the failure of the call's kind (InvalidArgument) when it is dead or not a kernel port.
/// </summary>
/// <param name="Request">The call.</param>
/// <param name="Reply">The caller.</param>
public sealed record PortKernelCall(KernelRequest Request, CallerReply Reply);
