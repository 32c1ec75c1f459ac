using MachActors.Actors;
using MachActors.Actors.TestKit;
using MachActors.Actors.Timing;
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
        var task = Terminated(kit);
        var sender = new TestProbe(kit.Sys, "sender");
        var receiver = new TestProbe(kit.Sys, "receiver");
        var wait = new ReceiveWait(new CallerReply(receiver.Ref, null, null, null), task.Ref, MachMsgOption.Receive, 1024, null);
        var answer = new SendAnswer(new CallerReply(sender.Ref, null, null, null), new IpcSendDone(new MachMsgResult(MachMsgReturn.Success), 99));

        task.Ref.Tell(new SpaceDeliver(Message(sender.Ref), wait, new WaitChannel(task.Ref, "receive"), answer));

        Assert.Equal(MachMsgReturn.Success, sender.ExpectMsg<MachMsgResult>().Return);
        kit.AssertNoActorFailures();
    }

    /// <summary>
    /// A thread still in its receive call when its task is terminated: the CPU keeps it until the call
    /// returns, so a message the port serves it meanwhile (destroyed at the terminated space) must still
    /// end the call, or the thread never ends and holds its CPU: found by exploration (ipc-send-once-receiver-dies).
    /// </summary>
    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void SpaceDeliver_AtATerminatedTask_EndsTheReceiversCall(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 1, kind);
        var task = Terminated(kit);
        var receiver = new TestProbe(kit.Sys, "receiver");
        var wait = new ReceiveWait(new CallerReply(receiver.Ref, null, null, null), task.Ref, MachMsgOption.Receive, 1024, null);

        task.Ref.Tell(new SpaceDeliver(Message(receiver.Ref), wait, null, null));

        Assert.Equal(MachMsgReturn.RcvPortDied, receiver.ExpectMsg<MachMsgResult>().Return);
        kit.AssertNoActorFailures();
    }

    /// <summary>The same for a sender still in its send call whose message comes back (a zero timeout on a full queue) after its task was terminated.</summary>
    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void SpaceSendReturned_AtATerminatedTask_EndsTheSendersCall(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 1, kind);
        var task = Terminated(kit);
        var sender = new TestProbe(kit.Sys, "sender");
        var wait = new SendWait(new CallerReply(sender.Ref, null, null, null), task.Ref, MachMsgOption.SendTimeout, Duration.Zero, false);

        task.Ref.Tell(new SpaceSendReturned(Message(new TestProbe(kit.Sys, "port").Ref), wait, null, MachMsgReturn.SendTimedOut));

        Assert.Equal(MachMsgReturn.SendTimedOut, sender.ExpectMsg<MachMsgResult>().Return);
        kit.AssertNoActorFailures();
    }

    private static TaskHandle Terminated(MachineKit kit)
    {
        var task = kit.Start(async env => await env.Compute(1_000)).Task!;
        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskTerminate()));
        return task;
    }

    private static KernelMessage Message(IActorRef port) =>
        new(new PortRef(port.Id.Value, port), MsgType.PortSend, CarriedRight.Null, 100, [], IpcLimits.HeaderSize);
}
