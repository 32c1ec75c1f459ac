using MachActors.Exploration.Monitors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Scenarios.Monitors;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;
using static MachActors.Tests.Unit.Scenarios.Monitors.MonitorTrace;

namespace MachActors.Tests.Unit.Scenarios.Monitors;

/// <summary>The message accounting monitor on hand-made traces: space a1 sends to port a10, space a2 receives.</summary>
public sealed class MessageAccountingMonitorTests
{
    private static readonly KernelMessage Message = KMsg(Port(10), 500, body: new KernelItem.Data(new MsgItem.Int32(7)));

    [Fact]
    public void SentQueuedAndReceived_HotInFlightThenCold_CountedReceived()
    {
        var m = new MessageAccountingMonitor(expectDrained: true);

        m.Sent(1, 10, Enqueue(Message, 1));
        Assert.Equal(Temperature.Hot, m.Temperature);
        m.Handed(10, 1, Enqueue(Message, 1));
        Assert.Equal(Temperature.Cold, m.Temperature);
        m.Passed(10, 2, Deliver(Message, 2));
        m.OnEnd();

        Assert.Null(m.Violation);
        Assert.Equal(1, m.ThreadSends);
        Assert.Equal(1, m.Count(MessageEnd.Received));
    }

    [Fact]
    public void PortHandsOutTheSameMessageTwice_Violation()
    {
        var m = new MessageAccountingMonitor();
        m.Passed(1, 10, Enqueue(Message, 1));
        m.Passed(10, 2, Deliver(Message, 2));

        m.Sent(10, 2, Deliver(Message, 2));

        Assert.Contains("did not hold", m.Violation);
    }

    [Fact]
    public void MessageLeftOnALivePort_LostWhenDrainedExpected_CountedOtherwise()
    {
        var drained = new MessageAccountingMonitor(expectDrained: true);
        var lenient = new MessageAccountingMonitor();
        foreach (var m in new[] { drained, lenient })
        {
            m.Passed(1, 10, Enqueue(Message, 1));
            m.OnEnd();
        }

        Assert.Contains("never received (lost)", drained.Violation);
        Assert.Null(lenient.Violation);
        Assert.Equal(1, lenient.Count(MessageEnd.LeftQueued));
    }

    [Fact]
    public void PortDies_QueuedDestroyedWithIt_LaterSendToTheDeadPort()
    {
        var m = new MessageAccountingMonitor(expectDrained: true);
        m.Passed(1, 10, Enqueue(Message, 1));
        m.Passed(2, 10, PortDestroyReceive.Instance);
        m.Sent(10, 1, new SpacePortDied(Port(10)));

        m.Passed(1, 10, Enqueue(Message, 1));
        m.OnEnd();

        Assert.Null(m.Violation);
        Assert.Equal(1, m.Count(MessageEnd.DestroyedWithPort));
        Assert.Equal(1, m.Count(MessageEnd.SentToDeadPort));
    }

    [Fact]
    public void ReceiveRightGoesToAPortDestroyedRequest_PortLivesOn()
    {
        var m = new MessageAccountingMonitor();
        m.Passed(1, 10, Enqueue(Message, 1));
        m.Passed(2, 10, PortDestroyReceive.Instance);

        m.Sent(10, 11, Enqueue(Notifications.PortDestroyed(CarriedRight.SendOnce(Port(11)), Port(10)), null));
        m.Handed(11, 10, Enqueue(Notifications.PortDestroyed(CarriedRight.SendOnce(Port(11)), Port(10)), null));
        m.OnEnd();

        Assert.Equal(0, m.Count(MessageEnd.DestroyedWithPort));
        Assert.Equal(2, m.Count(MessageEnd.LeftQueued));
        Assert.Equal(1, m.KernelSends);
    }

    [Fact]
    public void ReceivedMessageWakesAWaitAlreadyTimedOut_Lost()
    {
        var m = new MessageAccountingMonitor();
        var channel = new WaitChannel(Port(10).Actor, "receive");
        var received = new MachMsgResult(MachMsgReturn.Success, new MachMessage(MsgHeader.To(PortName.Null, MsgType.None, 500)));

        m.Handed(3, 10, new WakeThread(18, channel, new MachMsgResult(MachMsgReturn.RcvTimedOut)));
        Assert.Null(m.Violation);
        m.Handed(3, 2, new WakeThread(18, channel, received));

        Assert.Contains("thread 18 was woken with a received message (id 500) after its wait on receive had ended", m.Violation);
    }

    [Fact]
    public void ReceivedMessageWakesItsWait_ThenAStaleTimeout_NoViolation()
    {
        var m = new MessageAccountingMonitor();
        var channel = new WaitChannel(Port(10).Actor, "receive");

        m.Handed(3, 2, new WakeThread(18, channel, new MachMsgResult(MachMsgReturn.Success, new MachMessage(MsgHeader.To(PortName.Null, MsgType.None, 500)))));
        m.Handed(3, 10, new WakeThread(18, channel, new MachMsgResult(MachMsgReturn.RcvTimedOut)));

        Assert.Null(m.Violation);
    }
}
