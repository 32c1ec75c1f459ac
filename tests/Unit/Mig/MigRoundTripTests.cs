using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>Generated stub -> fake kernel -> generated demux -> server -> reply -> stub result, for every parameter kind.</summary>
public class MigRoundTripTests
{
    private static readonly PortName Target = new(0x1103);

    private static (TestKindsClient Client, LoopbackTransport Transport, RecordingKindsServer Server) Make()
    {
        var server = new RecordingKindsServer();
        var transport = new LoopbackTransport { Server = request => TestKindsServer.Demux(request, server) };
        return (new TestKindsClient(transport), transport, server);
    }

    [Fact]
    public async Task EchoAsync_EveryKind_ComesBackUnchanged()
    {
        var (client, _, server) = Make();
        var r = await client.EchoAsync(Target, -5, uint.MaxValue, long.MinValue, ulong.MaxValue, true, Colour.Blue, Wide.Far, "héllo",
            [1, 2, 3], [9, 8, 7, 6, 5], new PortName(0x20), [new PortName(0x30), PortName.Null], [PortName.Dead]);

        Assert.Equal(KernReturn.Success, r.RetCode);
        Assert.Equal((-5, uint.MaxValue, long.MinValue, ulong.MaxValue, true, Colour.Blue, Wide.Far, "héllo"), (r.Oi, r.Ou, r.Ol, r.Oul, r.Ob, r.Oc, r.Ow, r.Os));
        Assert.Equal(new byte[] { 1, 2, 3 }, r.OInlineBytes.ToArray());
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, r.OOolBytes.ToArray());
        Assert.Equal(new PortName(0x20), r.OPort);
        Assert.Equal(new[] { new PortName(0x30), PortName.Null, PortName.Dead }, r.OPorts.ToArray());
        Assert.Equal(Target, server.LastTarget);
    }

    [Fact]
    public async Task EchoAsync_Request_HasIdDispositionsAndOneItemPerInParameter()
    {
        var (client, transport, _) = Make();
        await client.EchoAsync(Target, 1, 2, 3, 4, false, Colour.Red, Wide.Far, "", [], [7], new PortName(0x20), [], []);

        var request = Assert.Single(transport.Sent);
        Assert.Equal(new MsgHeader(Target, MsgType.CopySend, LoopbackTransport.ReplyPort, MsgType.MakeSendOnce, 500), request.Header);
        Assert.Equal(13, request.Body.Length);
        Assert.Equal(new MsgItem.Int32(-1 & 2), request.Body[1]);
        Assert.Equal(new MsgItem.Int32(0), request.Body[4]);
        Assert.Equal(new MsgItem.Bytes([7], OutOfLine: true, Deallocate: true), request.Body[9]);
        Assert.Equal(new MsgItem.Port(new PortName(0x20), MsgType.MakeSend), request.Body[10]);
        Assert.Equal(new MsgItem.PortArray([], MsgType.MoveSend, OutOfLine: true), request.Body[12]);
        Assert.True(request.IsComplex);
    }

    [Fact]
    public async Task EchoAsync_Reply_IsRequestIdPlus100WithTheReplyRightMovedBack()
    {
        var (client, transport, _) = Make();
        await client.EchoAsync(Target, 0, 0, 0, 0, false, Colour.Red, Wide.Far, "", [], [], PortName.Null, [], []);

        var reply = Assert.Single(transport.Results).Reply!;
        Assert.Equal(new MsgHeader(LoopbackTransport.ReplyPort, MsgType.MoveSendOnce, PortName.Null, MsgType.None, 600), reply.Header);
        Assert.Equal(new MsgItem.Int32(0), reply.Body[0]);
        Assert.Equal(13, reply.Body.Length);
    }

    [Fact]
    public async Task FailAsync_NonzeroRetCode_ShortReplyAndDefaultOuts()
    {
        var (client, transport, _) = Make();
        var r = await client.FailAsync(Target, KernReturn.InvalidArgument);

        Assert.Equal((KernReturn.InvalidArgument, 0), (r.RetCode, r.Value));
        var reply = Assert.Single(transport.Results).Reply!;
        Assert.Equal(new MsgItem[] { new MsgItem.Int32((int)KernReturn.InvalidArgument) }, reply.Body.ToArray());
    }

    [Fact]
    public async Task FailAsync_Success_ReturnsOutParameter()
    {
        var (client, _, _) = Make();
        Assert.Equal((KernReturn.Success, 77), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task NotifyAsync_Simpleroutine_SendsOneMessageAndExpectsNoReply()
    {
        var (client, transport, server) = Make();
        var code = await client.NotifyAsync(Target, 42, new PortName(0x77));

        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal(0, transport.Rpcs);
        var sent = Assert.Single(transport.Sent);
        Assert.Equal(MsgHeader.To(Target, MsgType.MoveSendOnce, 510), sent.Header);
        Assert.Equal([(42, new PortName(0x77))], server.Notifications);
        var result = Assert.Single(transport.Results);
        Assert.Equal(new MigDemuxResult(true, 0, null), result);
    }

    [Fact]
    public async Task DeferredAsync_ServerKeepsHandle_ReplyArrivesWhenSentLater()
    {
        var (client, transport, server) = Make();
        var pending = client.DeferredAsync(Target, defer: true, "t");

        Assert.False(pending.IsCompleted);
        var result = Assert.Single(transport.Results);
        Assert.Equal(new MigDemuxResult(true, (int)MigReturn.NoReply, null), result);
        var handle = Assert.NotNull(server.Kept);
        Assert.Equal(new MigReplyHandle(LoopbackTransport.ReplyPort, MsgType.PortSendOnce, 603), handle);

        transport.Deliver(TestKindsServer.DeferredReply(handle, 0, [4, 5])!);
        var r = await pending;
        Assert.Equal(0, r.RetCode);
        Assert.Equal(new byte[] { 4, 5 }, r.Data.ToArray());
    }

    [Fact]
    public async Task DeferredAsync_NotDeferred_RepliesAtOnce()
    {
        var (client, _, server) = Make();
        var r = await client.DeferredAsync(Target, defer: false, "t");

        Assert.Equal(0, r.RetCode);
        Assert.Equal(new byte[] { 1, 2, 3 }, r.Data.ToArray());
        Assert.Null(server.Kept);
    }

    [Fact]
    public void DeferredReply_NoReplyRight_IsNull()
    {
        var handle = new MigReplyHandle(PortName.Null, MsgType.None, 603);
        Assert.Null(TestKindsServer.DeferredReply(handle, 0, [1]));
    }

    [Fact]
    public async Task DeferredAsync_InStringOverMax_ArrayTooLargeWithoutSending()
    {
        var (client, transport, _) = Make();
        var r = await client.DeferredAsync(Target, false, "12345");

        Assert.Equal((int)MigReturn.ArrayTooLarge, r.RetCode);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task PortsAsync_InArrayOverMax_ArrayTooLargeWithoutSending()
    {
        var (client, transport, _) = Make();
        Assert.Equal((KernReturn)MigReturn.ArrayTooLarge, await client.PortsAsync(Target, [new(1), new(2), new(3)]));
        Assert.Equal(KernReturn.Success, await client.PortsAsync(Target, [new(1), new(2)]));
        Assert.Single(transport.Sent);
    }
}
