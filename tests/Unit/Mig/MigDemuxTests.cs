using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>The generated server demux: ids, shapes and replies (spec section 3, "Server side").</summary>
public class MigDemuxTests
{
    private static readonly PortName Reply = new(0x2203);
    private static readonly PortName Port = new(0x1103);

    /// <summary>A received request: remote = the reply right (send-once), local = the port it came in on.</summary>
    private static MachMessage Request(int id, params MsgItem[] items) =>
        new(new MsgHeader(Reply, MsgType.PortSendOnce, Port, MsgType.PortSend, id), [.. items]);

    private static MachMessage ErrorReply(int id, int code) =>
        new(new MsgHeader(Reply, MsgType.MoveSendOnce, PortName.Null, MsgType.None, id + 100), [new MsgItem.Int32(code)]);

    [Theory]
    [InlineData(499)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(509)]
    [InlineData(513)]
    [InlineData(600)]
    public void Demux_UnknownOrSkippedId_BadIdNotHandled(int id)
    {
        var server = new RecordingKindsServer();
        var result = TestKindsServer.Demux(Request(id), server);

        Assert.Equal(new MigDemuxResult(false, (int)MigReturn.BadId, ErrorReply(id, (int)MigReturn.BadId)), result);
        Assert.Equal(0, server.Calls);
        Assert.False(TestKindsServer.IsRoutine(id));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(503)]
    [InlineData(510)]
    [InlineData(511)]
    public void IsRoutine_DeclaredIds_True(int id) => Assert.True(TestKindsServer.IsRoutine(id));

    [Fact]
    public void Demux_WrongItemCount_BadArguments()
    {
        var server = new RecordingKindsServer();
        var result = TestKindsServer.Demux(Request(501), server);

        Assert.Equal(new MigDemuxResult(true, (int)MigReturn.BadArguments, ErrorReply(501, (int)MigReturn.BadArguments)), result);
        Assert.Equal(0, server.Calls);
    }

    [Fact]
    public void Demux_WrongItemType_BadArguments()
    {
        var result = TestKindsServer.Demux(Request(501, new MsgItem.Int64(0)), new RecordingKindsServer());
        Assert.Equal((int)MigReturn.BadArguments, result.RetCode);
    }

    [Fact]
    public void Demux_PortOfWrongRight_BadArguments()
    {
        var names = new MsgItem.PortArray([new PortName(1), new PortName(2)], MsgType.PortSendOnce);
        Assert.Equal((int)MigReturn.BadArguments, TestKindsServer.Demux(Request(511, names), new RecordingKindsServer()).RetCode);
        var good = names with { Disposition = MsgType.PortSend };
        Assert.Equal(new MigDemuxResult(true, 0, ErrorReply(511, 0)), TestKindsServer.Demux(Request(511, good), new RecordingKindsServer()));
    }

    [Fact]
    public void Demux_ArrayOverMax_BadArguments()
    {
        var names = new MsgItem.PortArray([new PortName(1), new PortName(2), new PortName(3)], MsgType.PortSend);
        var server = new RecordingKindsServer();
        Assert.Equal((int)MigReturn.BadArguments, TestKindsServer.Demux(Request(511, names), server).RetCode);
        Assert.Equal(0, server.Calls);
    }

    [Fact]
    public void Demux_OutOfLineFlagDiffers_BadArguments()
    {
        var names = new MsgItem.PortArray([new PortName(1), new PortName(2)], MsgType.PortSend, OutOfLine: true);
        Assert.Equal((int)MigReturn.BadArguments, TestKindsServer.Demux(Request(511, names), new RecordingKindsServer()).RetCode);
    }

    [Fact]
    public void Demux_RoutineError_ShortErrorReplyHandled()
    {
        var result = TestKindsServer.Demux(Request(501, new MsgItem.Int32((int)KernReturn.Failure)), new RecordingKindsServer());
        Assert.Equal(new MigDemuxResult(true, (int)KernReturn.Failure, ErrorReply(501, (int)KernReturn.Failure)), result);
    }

    [Fact]
    public void Demux_NoReplyRight_NoReplyMessage()
    {
        var request = new MachMessage(new MsgHeader(PortName.Null, MsgType.None, Port, MsgType.PortSend, 501), [new MsgItem.Int32(0)]);
        Assert.Equal(new MigDemuxResult(true, 0, null), TestKindsServer.Demux(request, new RecordingKindsServer()));
        Assert.Equal(new MigDemuxResult(false, (int)MigReturn.BadId, null), TestKindsServer.Demux(request with { Header = request.Header with { Id = 502 } }, new RecordingKindsServer()));
    }

    [Fact]
    public void Demux_Simpleroutine_CallsServerAndNeverReplies()
    {
        var server = new RecordingKindsServer();
        var request = new MachMessage(new MsgHeader(PortName.Null, MsgType.None, Port, MsgType.PortSendOnce, 510),
            [new MsgItem.Int32(3), new MsgItem.Port(new PortName(0x44), MsgType.PortNameOnly)]);

        Assert.Equal(new MigDemuxResult(true, 0, null), TestKindsServer.Demux(request, server));
        Assert.Equal([(3, new PortName(0x44))], server.Notifications);
        Assert.Equal(Port, server.LastTarget);
    }

    [Fact]
    public void Demux_SendRightReply_MovedBackAsSend()
    {
        var request = new MachMessage(new MsgHeader(Reply, MsgType.PortSend, Port, MsgType.PortSend, 501), [new MsgItem.Int32(0)]);
        var reply = TestKindsServer.Demux(request, new RecordingKindsServer()).Reply!;
        Assert.Equal(new MsgHeader(Reply, MsgType.MoveSend, PortName.Null, MsgType.None, 601), reply.Header);
        Assert.Equal(new MsgItem[] { new MsgItem.Int32(0), new MsgItem.Int32(77) }, reply.Body.ToArray());
    }
}
