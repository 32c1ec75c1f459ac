using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>The model's mach_msg copyin (spec 2.1, 2.6, 2.7) and the arrival of messages in spaces.</summary>
internal sealed partial class IpcModel
{
    private static bool IsSend(MsgType d) => d is MsgType.MoveSend or MsgType.CopySend or MsgType.MakeSend or MsgType.MoveSendOnce or MsgType.MakeSendOnce;

    private static bool IsMove(MsgType d) => d is MsgType.MoveSend or MsgType.MoveSendOnce or MsgType.MoveReceive;

    /// <summary>
    /// What a send of <paramref name="h"/> with at most one body right must answer, and the message it makes
    /// (<paramref name="msg"/>, registered as live on Success): header checks change nothing; a body right the
    /// task does not hold gives SendInvalidRight and destroys what was copied in.
    /// </summary>
    public MachMsgReturn Copyin(MTask t, MsgHeader h, (PortName Name, MsgType Disposition)? body, out MMsg? msg)
    {
        msg = null;
        if (!IsSend(h.RemoteDisposition)) return MachMsgReturn.SendInvalidHeader;
        if (h.LocalDisposition == MsgType.None ? h.Local != PortName.Null : !IsSend(h.LocalDisposition)) return MachMsgReturn.SendInvalidHeader;
        if (!h.Remote.IsValid || !CanCopyin(t, h.Remote, h.RemoteDisposition, allowDead: false)) return MachMsgReturn.SendInvalidDest;
        if (h.Local.IsValid && !CanCopyin(t, h.Local, h.LocalDisposition, allowDead: true)) return MachMsgReturn.SendInvalidReply;
        if (h.Local == h.Remote)
        {
            var e = t.Names[h.Remote.Value];
            if (h.RemoteDisposition == MsgType.MoveSend && h.LocalDisposition == MsgType.MoveSend && e.Urefs < 2) return MachMsgReturn.SendInvalidReply;
            if (h.RemoteDisposition == MsgType.MoveSendOnce && h.LocalDisposition == MsgType.MoveSendOnce) return MachMsgReturn.SendInvalidReply;
        }
        if (body is { Disposition: var bd } && bd is not (>= MsgType.MoveReceive and <= MsgType.MakeSendOnce)) return MachMsgReturn.SendInvalidType;
        MRight dest, reply;
        if (IsMove(h.RemoteDisposition) && !IsMove(h.LocalDisposition))
        {
            reply = Reply(t, h);
            dest = CopyinChecked(t, h.Remote, h.RemoteDisposition);
        }
        else
        {
            dest = CopyinChecked(t, h.Remote, h.RemoteDisposition);
            reply = Reply(t, h);
        }
        var carried = new List<MRight>();
        if (reply.Port is not null) carried.Add(reply);
        var rights = new List<MRight> { reply };
        if (body is { } b)
        {
            MRight? r = b.Name == PortName.Null ? MRight.Null
                : b.Name == PortName.Dead ? new MRight(null, IpcSpace.Arriving(b.Disposition), Dead: true)
                : CanCopyin(t, b.Name, b.Disposition, allowDead: true) ? CopyinChecked(t, b.Name, b.Disposition)
                : null;
            if (r is not { } right)
            {
                foreach (var c in carried) Release(c);
                Release(dest);
                return MachMsgReturn.SendInvalidRight;
            }
            if (right.Port is not null) carried.Add(right);
            rights.Add(right);
        }
        msg = new MMsg(h.Id, dest.Port!.Value, dest.Kind, carried) { Shape = rights };
        Messages[h.Id] = msg;
        return MachMsgReturn.Success;
    }

    private MRight Reply(MTask t, MsgHeader h) =>
        h.LocalDisposition == MsgType.None || h.Local == PortName.Null ? MRight.Null
        : h.Local == PortName.Dead ? new MRight(null, IpcSpace.Arriving(h.LocalDisposition), Dead: true)
        : CopyinChecked(t, h.Local, h.LocalDisposition);

    /// <summary>The model's view of a kernel message's rights: reply, then each body right (NULL and DEAD included).</summary>
    public static List<MRight> ShapeOf(KernelMessage m)
    {
        var list = new List<MRight> { Of(m.Reply) };
        foreach (var item in m.Body)
        {
            if (item is KernelItem.Rights r) list.AddRange(r.Carried.Select(Of));
        }
        return list;
    }

    public static MRight Of(CarriedRight r) => new(r.Port?.Id, r.Port is null && !r.IsDead ? MsgType.None : r.Right, r.IsDead);

    /// <summary>
    /// A message reached a space: delivered (<paramref name="reverse"/>: its reply right and body rights arrive; the
    /// destination right is used up) or returned by pseudo-receive (the destination right arrives too). It must be a live
    /// message the model saw copied in (or a kernel notification, which carries no right), and is live no more.
    /// </summary>
    public void Arrives(MTask t, KernelMessage kernel, MachMessage copied, bool reverse)
    {
        var where = $"{(reverse ? "receive" : "pseudo-receive")} of msg {kernel.Id} in T{t.Index}";
        if (kernel.Id < IpcHarness.FirstMessageId)
        {
            if (kernel.CarriedRights().Any()) Flag(1, $"{where}: a kernel notification carries rights");
            return;
        }
        if (!Messages.TryGetValue(kernel.Id, out var m) || !m.Live)
        {
            Flag(m is null ? 1 : 3, $"{where}: the model has no such message in transit ({(m is null ? "never sent" : "already delivered or destroyed")})");
            return;
        }
        m.Live = false;
        var rights = new List<MRight>();
        if (!reverse) rights.Add(new MRight(m.Dest, m.DestKind));
        rights.AddRange(m.Shape);
        var names = new List<PortName>();
        if (!reverse) names.Add(copied.Header.Remote);
        names.Add(reverse ? copied.Header.Remote : copied.Header.Local);
        foreach (var item in copied.Body)
        {
            if (item is MsgItem.Port { Disposition: not MsgType.PortNameOnly } p) names.Add(p.Name);
        }
        if (names.Count != rights.Count)
        {
            Flag(1, $"{where}: {names.Count} names came out for {rights.Count} rights");
            return;
        }
        for (var i = 0; i < rights.Count; i++) Copyout(t, rights[i], names[i], where);
    }

    /// <summary>A message was destroyed (at a dead port, as its own receive right's carrier, with its port's queue): the header rights are released first, then the body's, as a destroyed kmsg is cleaned.</summary>
    public void Destroyed(MMsg m)
    {
        m.Live = false;
        Release(new MRight(m.Dest, m.DestKind));
        foreach (var r in m.Carried) Release(r);
    }
}
