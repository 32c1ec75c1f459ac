using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// One message received by a kernel object, seen through the kernel's own "space" (ipc_space_kernel):
/// the rights it carries get names local to this request, so the generated MIG demux (which works on
/// names) can read it, and the object's reply (names again) becomes a message in transit. The object
/// claims the rights it keeps (<see cref="Take"/>) and gives rights in its reply (<see cref="GiveMadeSend"/>,
/// <see cref="GiveCopySend"/>); whatever it does not claim is released (<see cref="ReleaseUnclaimed"/>).
/// Owned by one actor at a time: the object, then whoever answers the call (the reply travels with it).
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Every right the request carried is claimed, moved into the reply, or released, exactly once.
/// 2. A right given in a reply is accounted at its port (srights, mscount) before the reply is sent (rule 3).
/// </remarks>
public sealed class KernelPortRequest
{
    /// <summary>The name the request's own port (the header's local port) has here; it carries no right (the port consumed it).</summary>
    public static readonly PortName Self = new(1);

    private readonly Dictionary<uint, CarriedRight> _rights = [];
    private readonly List<IpcEffect> _effects = [];
    private uint _next = 2;
    private bool _replied;

    /// <summary>
    /// Names <paramref name="message"/>'s rights: the reply right becomes the header's remote port, the
    /// body's rights their items. Out-of-line memory is not taken by kernel objects: its copy is released
    /// with the unclaimed rights, and the item reads address 0 with its length.
    /// </summary>
    public KernelPortRequest(KernelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Kernel = message;
        var reply = Name(message.Reply);
        var header = new MsgHeader(reply, message.Reply.HoldsRight ? message.Reply.Right : MsgType.None, Self, message.DestinationRight, message.Id);
        var body = ImmutableArray.CreateBuilder<MsgItem>(message.Body.Length);
        foreach (var item in message.Body)
        {
            body.Add(item switch
            {
                KernelItem.Data d => d.Item,
                KernelItem.Rights { IsArray: false } r => new MsgItem.Port(Name(r.Carried[0]), r.Arrives),
                KernelItem.Rights r => new MsgItem.PortArray([.. r.Carried.Select(Name)], r.Arrives, r.OutOfLine),
                KernelItem.Memory m => Released(m),
                _ => throw new InvalidOperationException("unknown item"),
            });
        }
        Message = new MachMessage(header, body.MoveToImmutable()) { Seqno = message.Seqno };
        ReplyName = reply;
    }

    /// <summary>The request as received (header reversed, rights as names local to this request).</summary>
    public MachMessage Message { get; }

    /// <summary>The request in transit.</summary>
    public KernelMessage Kernel { get; }

    /// <summary>The reply right's name (NULL: no reply is sent).</summary>
    public PortName ReplyName { get; private set; }

    /// <summary>
    /// Makes the right under <paramref name="name"/>, which the request's body carried, its reply right
    /// (a request form whose reply port travels in the body, e.g. <c>device_read_request</c>): it is kept
    /// when the unclaimed rights are released, and a reply addressed to it is sent through it.
    /// Preconditions: none. Returns false, and changes nothing, when the request already has a reply
    /// right or <paramref name="name"/> holds no unclaimed right (NULL, DEAD, or a right already taken).
    /// </summary>
    public bool UseAsReply(PortName name)
    {
        if (ReplyName != PortName.Null || _replied || !_rights.ContainsKey(name.Value)) return false;
        ReplyName = name;
        return true;
    }

    /// <summary>Claims the right under <paramref name="name"/> (the object keeps it); NULL when the name holds none.</summary>
    public CarriedRight Take(PortName name)
    {
        if (!_rights.Remove(name.Value, out var right)) return name == PortName.Dead ? CarriedRight.Dead : CarriedRight.Null;
        return right;
    }

    /// <summary>A send right made from the kernel port <paramref name="port"/> for the reply (mscount and srights rise first).</summary>
    public PortName GiveMadeSend(PortRef port)
    {
        ArgumentNullException.ThrowIfNull(port);
        _effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(1, 0, 1)));
        return Name(CarriedRight.Send(port));
    }

    /// <summary>A copy of the send right <paramref name="right"/> the object holds, for the reply (srights rise first); NULL and DEAD stay so.</summary>
    public PortName GiveCopySend(CarriedRight right)
    {
        if (right.Port is { } port) _effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(1, 0, 0)));
        return Name(right);
    }

    /// <summary>Releases every right not claimed and not the reply right (MIG: the request's resources), as <paramref name="self"/>.</summary>
    public void ReleaseUnclaimed(IActorRef? self)
    {
        foreach (var (name, right) in _rights.ToArray())
        {
            if (name == ReplyName.Value) continue;
            _rights.Remove(name);
            Notifications.Release(right, _effects);
        }
        Flush(self);
    }

    /// <summary>
    /// Sends <paramref name="reply"/> (built for <see cref="ReplyName"/>) through the reply right: its
    /// rights' accounting first, then the message (a kernel send: it never blocks; a dead reply port
    /// destroys it and releases its rights). Only the first reply is sent; a reply without a reply right
    /// releases the rights it would have carried. Afterwards every unclaimed right is released.
    /// </summary>
    public void SendReply(MachMessage reply, IActorRef? self)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_replied) return;
        _replied = true;
        var body = ImmutableArray.CreateBuilder<KernelItem>(reply.Body.Length);
        foreach (var item in reply.Body)
        {
            body.Add(item switch
            {
                MsgItem.Port { Disposition: not MsgType.PortNameOnly } p => new KernelItem.Rights([Take(p.Name)], IpcSpace.Arriving(p.Disposition), false, false),
                MsgItem.PortArray { Disposition: not MsgType.PortNameOnly } a => new KernelItem.Rights([.. a.Names.Select(Take)], IpcSpace.Arriving(a.Disposition), true, a.OutOfLine),
                _ => new KernelItem.Data(item),
            });
        }
        var destination = reply.Header.Remote == ReplyName ? Take(ReplyName) : CarriedRight.Null;
        var message = new KernelMessage(destination.Port!, destination.Right, CarriedRight.Null, reply.Header.Id, body.ToImmutable(), reply.Size);
        if (destination.HoldsRight) _effects.Add(new IpcEffect.Tell(destination.Port!.Actor, new PortEnqueue(message, null)));
        else Notifications.ReleaseCarried(message, _effects);
        ReleaseUnclaimed(self);
    }

    /// <summary>Releases the reply right without a reply (its send-once notification tells the client the server died).</summary>
    public void Abandon(IActorRef? self)
    {
        if (_replied) return;
        _replied = true;
        Notifications.Release(Take(ReplyName), _effects);
        ReleaseUnclaimed(self);
    }

    private MsgItem.Memory Released(KernelItem.Memory memory)
    {
        Notifications.DiscardMemory(memory, _effects);
        return new MsgItem.Memory(0, memory.Copy.Size);
    }

    private PortName Name(CarriedRight right)
    {
        if (!right.HoldsRight) return right.IsDead ? PortName.Dead : PortName.Null;
        var name = new PortName(_next++);
        _rights[name.Value] = right;
        return name;
    }

    private void Flush(IActorRef? self)
    {
        foreach (var effect in _effects)
        {
            if (effect is IpcEffect.Tell t) t.To.Tell(t.Message, self);
        }
        _effects.Clear();
    }
}
