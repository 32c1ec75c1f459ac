using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Scenarios.Monitors;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;
using static MachActors.Tests.Unit.Scenarios.Monitors.MonitorTrace;

namespace MachActors.Tests.Unit.Scenarios.Monitors;

/// <summary>The capability safety monitor on hand-made traces: spaces a1 and a2 (tasks), ports a10 (a1's) and a20 (a2's).</summary>
public sealed class CapabilitySafetyMonitorTests
{
    /// <summary>A message to a20 carrying a10's receive right.</summary>
    private static readonly KernelMessage Move = KMsg(Port(20), body: new KernelItem.Rights(ImmutableArray.Create(CarriedRight.Receive(Port(10))), MsgType.PortReceive, false, false));

    private static CapabilitySafetyMonitor TwoTasks()
    {
        var m = new CapabilitySafetyMonitor();
        m.Spawn(1, TaskType, 0);
        m.Spawn(2, TaskType, 0);
        m.Spawn(10, PortActor, 1);
        m.Spawn(20, PortActor, 2);
        return m;
    }

    [Fact]
    public void SendToOwnPortAndReceiveOnIt_NoViolation()
    {
        var m = TwoTasks();

        m.Sent(1, 10, Enqueue(KMsg(Port(10)), 1));
        m.Sent(1, 10, new PortReceive(Receiver(1)));
        m.OnEnd();

        Assert.Null(m.Violation);
        Assert.Equal(2, m.Checked);
    }

    [Fact]
    public void SendToAnotherTasksPortNeverGiven_ViolationAtTheEnd()
    {
        var m = TwoTasks();

        m.Sent(1, 20, Enqueue(KMsg(Port(20)), 1));
        Assert.Null(m.Violation);
        m.OnEnd();

        Assert.Contains("space a1 used port a20", m.Violation);
    }

    [Fact]
    public void SendRightGivenInAMessage_ThenUsed_NoViolation()
    {
        var m = TwoTasks();
        var grant = KMsg(Port(10), body: new KernelItem.Rights(ImmutableArray.Create(CarriedRight.Send(Port(20))), MsgType.PortSend, false, false));

        m.Handed(1, 10, Deliver(grant, 1));
        m.Sent(1, 20, Enqueue(KMsg(Port(20)), 1));
        m.OnEnd();

        Assert.Null(m.Violation);
    }

    [Fact]
    public void UnexplainedPortThatIsAKernelPort_Excused()
    {
        var m = TwoTasks();
        m.Spawn(30, PortActor, 99); // a kernel object's port

        m.Sent(1, 30, Enqueue(KMsg(Port(30)), 1));
        m.Sent(1, 20, Enqueue(KMsg(Port(20)), 1));
        m.Sent(20, 2, new KernelPortMessage(KMsg(Port(20))));
        m.OnEnd();

        Assert.Null(m.Violation);
    }

    [Fact]
    public void ReceiveAfterTheReceiveRightMovedAway_Violation()
    {
        var m = TwoTasks();
        m.Sent(1, 10, PortReceiveMoved.Instance);
        m.Sent(1, 20, Enqueue(Move, 1));

        m.Sent(1, 10, new PortReceive(Receiver(1)));

        Assert.Contains("without holding its receive right", m.Violation);
    }

    [Fact]
    public void ReceiveRightArrivesInAnotherTask_ItMayReceive()
    {
        var m = TwoTasks();
        m.Sent(1, 10, PortReceiveMoved.Instance);

        m.Handed(2, 20, Deliver(Move, 2));
        m.Sent(2, 10, new PortReceive(Receiver(2)));
        m.OnEnd();

        Assert.Null(m.Violation);
    }
}
