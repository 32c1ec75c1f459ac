using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>
/// A one-way send to a thread blocked in receive wakes it as an ordinary wakeup (docs/IPC.md rule 6:
/// only an RPC hands its CPU over): with an idle CPU the receiver runs at once, while the sender goes on.
/// </summary>
public sealed class OneWaySendWakeTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void OneWaySend_ToABlockedReceiverWithAnIdleCpu_ReceiverRunsAtOnceWhileTheSenderComputes(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        VirtualTime sentAt = default, receivedAt = default;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            var (_, receiver) = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                await e.Receive(port);
                receivedAt = e.Now;
                return null;
            }, "receiver");
            await env.ThreadResume(receiver);
            await ComputeMs(env, 5);                                   // the receiver blocks on the other CPU meanwhile
            sentAt = env.Now;
            await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1)));
            await env.Compute(50 * CyclesPerMs);                       // one long segment: no surrender for 50 ms
            await env.CThreadJoin(receiver);
        });

        kit.RunToEnd();

        Assert.True(receivedAt - sentAt < Duration.FromMilliseconds(1), $"sent at {sentAt}, received at {receivedAt}: the receiver waited for the sender's CPU");
        kit.AssertNoActorFailures();
    }
}
