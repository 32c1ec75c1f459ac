using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>The README's "IPC example", compiled and run here on both dispatchers so the README shows code that works.</summary>
public sealed class ReadmeIpcExampleTests
{
    /// <summary>The README's snippet (keep the two in step): a port, a send right, a message, then an RPC to a server thread.</summary>
    private static async Task<(int Got, int Answer)> Example(MachEnv env)
    {
        var port = await env.MachReplyPort();                          // a new receive right
        await env.PortInsertRight(port, port, MsgType.MakeSend);       // and a send right under the same name
        await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1000), [new MsgItem.Int32(42)]));
        var got = await env.Receive(port);                             // Body[0] is Int32(42), Seqno 0

        // An RPC: a server thread answers through the send-once reply right the request carries.
        var (_, server) = await env.ThreadCreate(env.TaskSelf, async e =>
        {
            var request = (await e.Receive(port)).Message!;            // Header.Remote names the reply right
            var sum = ((MsgItem.Int32)request.Body[0]).Value + 1;
            await e.Send(new MachMessage(MsgHeader.To(request.Header.Remote, MsgType.MoveSendOnce, 1100), [new MsgItem.Int32(sum)]));
            return null;
        });
        await env.ThreadResume(server);
        var reply = await env.MachReplyPort();
        var answer = await env.Rpc(new MachMessage(new MsgHeader(port, MsgType.CopySend, reply, MsgType.MakeSendOnce, 1000),
            [new MsgItem.Int32(41)]), reply);                          // Body[0] is Int32(42)

        return (((MsgItem.Int32)got.Message!.Body[0]).Value, ((MsgItem.Int32)answer.Message!.Body[0]).Value);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ReadmeExample_SendsReceivesAndMakesAnRpc(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        (int Got, int Answer) result = default;
        kit.Start(async env => result = await Example(env));

        kit.RunToEnd();

        Assert.Equal((42, 42), result);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }
}
