using System.Collections.Immutable;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// A message in transit (a kmsg): what a space's copyin makes of a program's <see cref="MachMessage"/>.
/// It holds port references and the rights it carries, never names; the receiving space's copyout
/// turns them into names there. The destination right it was sent with is consumed at the port
/// when the message is dequeued or destroyed.
/// </summary>
/// <param name="Destination">The port it is sent to.</param>
/// <param name="DestinationRight">The right it was sent with: PortSend or PortSendOnce.</param>
/// <param name="Reply">The reply right it carries (NULL when none).</param>
/// <param name="Id">msgh_id.</param>
/// <param name="Body">The items.</param>
/// <param name="Size">msgh_size as sent (header, descriptors, inline data).</param>
public sealed record KernelMessage(PortRef Destination, MsgType DestinationRight, CarriedRight Reply, int Id, ImmutableArray<KernelItem> Body, int Size)
{
    /// <summary>The port's sequence number, stamped at dequeue.</summary>
    public long Seqno { get; init; }

    /// <summary>
    /// SEND_NOTIFY: the msg-accepted request of a message its port queued past the queue limit (set
    /// and cleared by the port only: a message outside its port never has one), or null.
    /// </summary>
    public MsgAcceptRequest? Accept { get; init; }

    /// <summary>
    /// Every right the message carries besides its destination right: the reply right, then the
    /// body's, in order, then a queued message's msg-accepted right (destroying the message sends its
    /// send-once notification instead of the msg-accepted one).
    /// </summary>
    public IEnumerable<CarriedRight> CarriedRights()
    {
        if (Reply.HoldsRight) yield return Reply;
        foreach (var item in Body)
        {
            if (item is not KernelItem.Rights rights) continue;
            foreach (var right in rights.Carried)
            {
                if (right.HoldsRight) yield return right;
            }
        }
        if (Accept is { Notify.HoldsRight: true } accept) yield return accept.Notify;
    }

    /// <summary>True when the body carries the receive right of <paramref name="port"/> (directly).</summary>
    public bool CarriesReceiveOf(PortRef port)
    {
        if (IsReceiveOf(Reply, port)) return true;
        foreach (var item in Body) // no iterator: every enqueue asks
        {
            if (item is not KernelItem.Rights rights) continue;
            foreach (var right in rights.Carried)
            {
                if (IsReceiveOf(right, port)) return true;
            }
        }
        return false;
    }

    private static bool IsReceiveOf(CarriedRight right, PortRef port) => right.HoldsRight && right.Right == MsgType.PortReceive && right.Port == port;

    /// <summary>Structural equality (the body by items).</summary>
    public bool Equals(KernelMessage? other) =>
        other is not null && Destination == other.Destination && DestinationRight == other.DestinationRight && Reply == other.Reply
        && Id == other.Id && Size == other.Size && Seqno == other.Seqno && Body.AsSpan().SequenceEqual(other.Body.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Destination, Id, Body.Length, Seqno);
}

/// <summary>A msg-accepted request (SEND_NOTIFY) riding on the message its port queued past the queue limit.</summary>
/// <param name="Notify">The send-once right the notification goes to (made from the sender's notify receive right).</param>
/// <param name="Space">The sending space: it names the send right in the notification, and may have one such message per port.</param>
public sealed record MsgAcceptRequest(CarriedRight Notify, MachActors.Actors.IActorRef Space);
