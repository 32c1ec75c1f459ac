using MachActors.Actors;
using MachActors.Actors.TestKit;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>The task actor's IPC answers after task_terminate (MachTask.Ipc.cs), on both dispatchers.</summary>
public sealed class MachTaskIpcTests
{
    /// <summary>
    /// A port that hands a message straight to a blocked receiver attaches the sender's answer to the
    /// delivery (<see cref="SpaceDeliver.ThenAnswer"/>). When the receiver's task was terminated while the
    /// delivery was on its way, the message is destroyed there, and the sender must still get its answer:
    /// found by exploration (ipc-send-once-receiver-dies), where the sender hung forever.
    /// </summary>
    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void SpaceDeliver_AtATerminatedTask_StillAnswersTheSender(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 1, kind);
        var task = kit.Start(async env => await env.Compute(1_000)).Task!;
        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskTerminate()));
        var sender = new TestProbe(kit.Sys, "sender");
        var receiver = new TestProbe(kit.Sys, "receiver");
        var message = new KernelMessage(new PortRef(sender.Ref.Id.Value, sender.Ref), MsgType.PortSend, CarriedRight.Null, 100, [], IpcLimits.HeaderSize);
        var wait = new ReceiveWait(new CallerReply(receiver.Ref, null, null, null), task.Ref, MachMsgOption.Receive, 1024, null);
        var answer = new SendAnswer(new CallerReply(sender.Ref, null, null, null), new IpcSendDone(new MachMsgResult(MachMsgReturn.Success), 99));

        task.Ref.Tell(new SpaceDeliver(message, wait, null, answer));

        Assert.Equal(MachMsgReturn.Success, sender.ExpectMsg<MachMsgResult>().Return);
        receiver.ExpectNoMsg(MachineKit.Ms(1));
        kit.AssertNoActorFailures();
    }
}
