using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>The user stub's reply checks (spec section 3): scripted replies through the generated stubs.</summary>
public class MigReplyCheckTests
{
    private static readonly PortName Target = new(0x1103);

    private static TestKindsClient Scripted(Func<MachMessage, MachMsgResult> script) => new(new LoopbackTransport { Script = script });

    private static MachMsgResult Reply(int id, params MsgItem[] items) =>
        new(MachMsgReturn.Success, new MachMessage(new MsgHeader(PortName.Null, MsgType.None, LoopbackTransport.ReplyPort, MsgType.PortSendOnce, id), [.. items]));

    [Fact]
    public async Task FailAsync_SendOnceNotification_ServerDied()
    {
        var client = Scripted(_ => Reply(71));
        Assert.Equal(((KernReturn)MigReturn.ServerDied, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_OtherId_ReplyMismatch()
    {
        var client = Scripted(_ => Reply(602, new MsgItem.Int32(0), new MsgItem.Int32(5)));
        Assert.Equal(((KernReturn)MigReturn.ReplyMismatch, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_ShortReplyWithNonzeroRetCode_IsLegal()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.Int32((int)KernReturn.NoAccess)));
        Assert.Equal((KernReturn.NoAccess, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_FullReplyWithNonzeroRetCode_ReturnsRetCodeAndDefaults()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.Int32((int)KernReturn.NoAccess), new MsgItem.Int32(5)));
        Assert.Equal((KernReturn.NoAccess, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_ShortReplyWithSuccess_TypeError()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.Int32(0)));
        Assert.Equal(((KernReturn)MigReturn.TypeError, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_WrongOutType_TypeError()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.Int32(0), new MsgItem.Int64(5)));
        Assert.Equal(((KernReturn)MigReturn.TypeError, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_RetCodeNotInt32_TypeError()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.CString("x"), new MsgItem.Int32(5)));
        Assert.Equal(((KernReturn)MigReturn.TypeError, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_ExtraItem_TypeError()
    {
        var client = Scripted(_ => Reply(601, new MsgItem.Int32(0), new MsgItem.Int32(5), new MsgItem.Int32(6)));
        Assert.Equal(((KernReturn)MigReturn.TypeError, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_TransportFailure_ReturnsMachMsgCode()
    {
        var client = Scripted(_ => new MachMsgResult(MachMsgReturn.SendInvalidDest));
        Assert.Equal(((KernReturn)(int)MachMsgReturn.SendInvalidDest, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task FailAsync_SuccessWithoutMessage_TypeError()
    {
        var client = Scripted(_ => new MachMsgResult(MachMsgReturn.Success));
        Assert.Equal(((KernReturn)MigReturn.TypeError, 0), await client.FailAsync(Target, KernReturn.Success));
    }

    [Fact]
    public async Task DeferredAsync_OutArrayOverMax_ArrayTooLarge()
    {
        var client = Scripted(_ => Reply(603, new MsgItem.Int32(0), new MsgItem.Bytes([1, 2, 3, 4])));
        var r = await client.DeferredAsync(Target, false, "t");
        Assert.Equal((int)MigReturn.ArrayTooLarge, r.RetCode);
        Assert.True(r.Data.IsEmpty);
    }

    [Fact]
    public async Task EchoAsync_OutOfLineFlagDiffers_TypeError()
    {
        // The reply's first byte array (declared inline) arrives out of line.
        var (ok, transport) = (new RecordingKindsServer(), new LoopbackTransport());
        transport.Script = request =>
        {
            var reply = TestKindsServer.Demux(LoopbackTransport.Received(request), ok).Reply!;
            var body = reply.Body.SetItem(9, new MsgItem.Bytes([1], OutOfLine: true));
            return new MachMsgResult(MachMsgReturn.Success, LoopbackTransport.Received(reply with { Body = body }));
        };
        var r = await new TestKindsClient(transport).EchoAsync(Target, 0, 0, 0, 0, false, Colour.Red, Wide.Far, "", [1], [], PortName.Null, [], []);
        Assert.Equal((KernReturn)MigReturn.TypeError, r.RetCode);
        Assert.True(r.OInlineBytes.IsEmpty);
    }

    [Fact]
    public async Task EchoAsync_PortArrivesAsSendInsteadOfSendOnce_TypeError()
    {
        var (ok, transport) = (new RecordingKindsServer(), new LoopbackTransport());
        transport.Script = request =>
        {
            var reply = TestKindsServer.Demux(LoopbackTransport.Received(request), ok).Reply!;
            var body = reply.Body.SetItem(11, new MsgItem.Port(new PortName(9), MsgType.PortSend));
            return new MachMsgResult(MachMsgReturn.Success, LoopbackTransport.Received(reply with { Body = body }));
        };
        var r = await new TestKindsClient(transport).EchoAsync(Target, 0, 0, 0, 0, false, Colour.Red, Wide.Far, "", [], [], PortName.Null, [], []);
        Assert.Equal((KernReturn)MigReturn.TypeError, r.RetCode);
    }

    [Fact]
    public void CheckReply_AllRulesInOrder_FirstFailureWins()
    {
        var ok = Reply(601, new MsgItem.Int32(0), new MsgItem.Int32(5));
        Assert.Equal(0, MigUser.CheckReply(ok, 601, 1, out var body));
        Assert.Equal(2, body.Length);
        Assert.Equal((int)MigReturn.ServerDied, MigUser.CheckReply(Reply(71), 601, 1, out body));
        Assert.True(body.IsEmpty);
    }
}
