using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using MachActors.Tests.Unit.Mig;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.User;

public sealed class MachEnvMigTransportTests
{
    /// <summary>A server thread body: serves <paramref name="count"/> requests on <paramref name="port"/> with the generated demux.</summary>
    private static ThreadBody Server(PortName port, int count, RecordingKindsServer impl) => async e =>
    {
        for (var i = 0; i < count; i++)
        {
            var got = await e.Receive(port);
            if (got.Return != MachMsgReturn.Success) return got.Return;
            var result = TestKindsServer.Demux(got.Message!, impl);
            if (result.Reply is { } reply) await e.SendAsync(reply);
        }
        return null;
    };

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void RpcAsync_GeneratedStubAgainstAUserServer_RepliesAndCachesTheReplyPort(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var impl = new RecordingKindsServer();
        var codes = new List<(KernReturn Code, int Value)>();
        var replyPorts = new List<PortName>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.CThreadFork(Server(port, 2, impl), "server");
            var client = new TestKindsClient(env);
            codes.Add(await client.FailAsync(port, KernReturn.Success));
            replyPorts.Add(env.MigReplyPort);
            codes.Add(await client.FailAsync(port, KernReturn.NoSpace));
            replyPorts.Add(env.MigReplyPort);
        });

        kit.RunToEnd();

        Assert.Equal([(KernReturn.Success, 77), (KernReturn.NoSpace, 0)], codes);
        Assert.Equal(2, impl.Calls);
        Assert.NotEqual(PortName.Null, replyPorts[0]);
        Assert.Equal(replyPorts[0], replyPorts[1]);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void RpcAsync_ReceiveInterrupted_DestroysTheCachedReplyPortAndMakesANewOne()
    {
        using var kit = new MachineKit(2);
        PortName first = default, second = default;
        (KernReturn Code, int Value) aborted = default, later = default;
        PortCallReply? oldType = null;
        var impl = new RecordingKindsServer();
        kit.Start(async env =>
        {
            var silent = await env.MachReplyPort();                 // nobody serves it
            await env.PortInsertRight(silent, silent, MsgType.MakeSend);
            var served = await env.MachReplyPort();
            await env.PortInsertRight(served, served, MsgType.MakeSend);
            await env.CThreadFork(Server(served, 1, impl), "server");
            var caller = await env.CThreadFork(async e =>
            {
                var client = new TestKindsClient(e);
                aborted = await client.FailAsync(silent, KernReturn.Success);
                first = e.MigReplyPort;
                oldType = await e.PortType(second);
                later = await client.FailAsync(served, KernReturn.Success);
                return e.MigReplyPort;
            }, "caller");
            await UntilWaiting(env, caller);
            second = (await env.PortNames()).Names.Where(n => (n.Type & PortType.Receive) != 0 && n.Name != env.MigReplyPort) // not the looker's own (UntilWaiting's RPCs)
                .Max(n => n.Name.Value) is var v ? new PortName(v) : default;
            Assert.Equal(KernReturn.Success, await env.ThreadAbort(caller));
            var join = await env.CThreadJoin(caller);
            Assert.NotEqual(second, (PortName)join.Value!);
        });

        kit.RunToEnd();

        Assert.Equal((int)MachMsgReturn.RcvInterrupted, (int)aborted.Code);
        Assert.Equal(PortName.Null, first);
        Assert.NotEqual(PortName.Null, second);
        Assert.Equal(KernReturn.InvalidName, oldType!.Result);
        Assert.Equal((KernReturn.Success, 77), later);
        kit.AssertNoActorFailures();
    }
}
