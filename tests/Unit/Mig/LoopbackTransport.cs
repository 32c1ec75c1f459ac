using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>
/// A fake transport that plays the kernel between a stub and a demux: it reverses the header (the
/// reply right becomes the remote port, the destination the local one), turns dispositions into what
/// arrives, and hands the request to <see cref="Server"/>. The reply the server returns is delivered
/// at once; a deferred reply is delivered later through <see cref="Deliver"/>. A test may instead
/// script the reply with <see cref="Script"/>.
/// </summary>
internal sealed class LoopbackTransport : IMigTransport
{
    public static readonly PortName ReplyPort = new(0x5503);

    private TaskCompletionSource<MachMsgResult>? _pending;

    /// <summary>The demux to call with each received request; returns the reply to deliver (null: none yet).</summary>
    public Func<MachMessage, MigDemuxResult>? Server { get; set; }

    /// <summary>When set, answers each RPC instead of the server.</summary>
    public Func<MachMessage, MachMsgResult>? Script { get; set; }

    /// <summary>Every request and one-way message sent, as the sender built it.</summary>
    public List<MachMessage> Sent { get; } = [];

    /// <summary>How many RPCs were made.</summary>
    public int Rpcs { get; private set; }

    /// <summary>The demux results, in order.</summary>
    public List<MigDemuxResult> Results { get; } = [];

    public ValueTask<PortName> GetReplyPortAsync() => ValueTask.FromResult(ReplyPort);

    public ValueTask<MachMsgResult> RpcAsync(MachMessage request)
    {
        Rpcs++;
        Sent.Add(request);
        if (Script is not null) return ValueTask.FromResult(Script(request));
        var result = Server!(Received(request));
        Results.Add(result);
        if (result.Reply is not null) return ValueTask.FromResult(new MachMsgResult(MachMsgReturn.Success, Received(result.Reply)));
        _pending = new TaskCompletionSource<MachMsgResult>();
        return new ValueTask<MachMsgResult>(_pending.Task);
    }

    public ValueTask<MachMsgReturn> SendAsync(MachMessage message)
    {
        Sent.Add(message);
        if (Server is not null) Results.Add(Server(Received(message)));
        return ValueTask.FromResult(MachMsgReturn.Success);
    }

    /// <summary>The received messages a stub destroyed (mach_msg_destroy), in order.</summary>
    public List<MachMessage> Destroyed { get; } = [];

    public ValueTask DestroyAsync(MachMessage message)
    {
        Destroyed.Add(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers a reply sent later (a deferred reply) to the waiting RPC.</summary>
    public void Deliver(MachMessage reply) => _pending!.SetResult(new MachMsgResult(MachMsgReturn.Success, Received(reply)));

    /// <summary>What the receiver of <paramref name="sent"/> sees: header reversed, rights as they arrive.</summary>
    public static MachMessage Received(MachMessage sent)
    {
        var h = sent.Header;
        var header = new MsgHeader(h.Local, MigMarshal.Arrives(h.LocalDisposition), h.Remote, MigMarshal.Arrives(h.RemoteDisposition), h.Id);
        var body = sent.Body.Select(item => item switch
        {
            MsgItem.Port p => p with { Disposition = MigMarshal.Arrives(p.Disposition) },
            MsgItem.PortArray a => a with { Disposition = MigMarshal.Arrives(a.Disposition) },
            _ => item,
        }).ToImmutableArray();
        return new MachMessage(header, body);
    }
}
