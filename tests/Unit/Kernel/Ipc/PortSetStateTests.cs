using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

public sealed class PortSetStateTests
{
    private static readonly FakeRef SpaceRef = new("space", 903);
    private VirtualTime _now = VirtualTime.Zero;

    private PortSetState NewSet() => new(Port(50), () => _now);

    private static ReceiveWait Receiver(Duration? timeout = null) => new(Thread(), SpaceRef, MachMsgOption.Receive, 1024, timeout);

    [Fact]
    public void Receive_MembersWithMessages_ServedRoundRobin()
    {
        var set = NewSet();
        set.MemberJoined(Port(1), 2);
        set.MemberJoined(Port(2), 2);

        var order = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            set.Receive(Receiver());
            var tell = Assert.Single(set.TakeEffects().OfType<IpcEffect.Tell>());
            Assert.IsType<PortSetDequeue>(tell.Message);
            order.Add(tell.To.Id.Value);
        }

        Assert.Equal([1L, 2L, 1L, 2L], order);
    }

    [Fact]
    public void Receive_EmptySet_WaitsUntilAMemberAnnouncesAMessage()
    {
        var set = NewSet();
        set.MemberJoined(Port(1), 0);

        set.Receive(Receiver());
        var block = Assert.Single(set.TakeEffects().OfType<IpcEffect.Block>());
        set.MemberEnqueued(Port(1));

        var dequeue = Assert.IsType<PortSetDequeue>(Assert.Single(set.TakeEffects().OfType<IpcEffect.Tell>()).Message);
        Assert.Same(block.Channel, dequeue.Channel);
        Assert.Equal(0, set.WaitingReceivers);
    }

    [Fact]
    public void DequeueMiss_NothingElse_WaitsAgainWithTheRemainingTimeout()
    {
        var set = NewSet();
        set.MemberJoined(Port(1), 1);
        set.Receive(Receiver(timeout: Duration.FromMilliseconds(10)));
        var dequeue = Assert.IsType<PortSetDequeue>(Assert.Single(set.TakeEffects().OfType<IpcEffect.Tell>()).Message);
        _now += Duration.FromMilliseconds(4);

        set.DequeueMiss(new SetDequeueMiss(dequeue.Receiver, dequeue.Channel, dequeue.Deadline));

        Assert.Equal(Duration.FromMilliseconds(6), Assert.Single(set.TakeEffects().OfType<IpcEffect.StartTimer>()).After);
        Assert.Equal(1, set.WaitingReceivers);
    }

    /// <summary>A receiver that blocked on an empty set, then was claimed for a member that announced a message (the claim is out).</summary>
    private (PortSetState Set, IpcEffect.Block Block, PortSetDequeue Dequeue) WaiterWithAClaimOut()
    {
        var set = NewSet();
        set.MemberJoined(Port(1), 0);
        set.Receive(Receiver());
        var block = Assert.Single(set.TakeEffects().OfType<IpcEffect.Block>());
        set.MemberEnqueued(Port(1));
        var dequeue = Assert.IsType<PortSetDequeue>(Assert.Single(set.TakeEffects().OfType<IpcEffect.Tell>()).Message);
        return (set, block, dequeue);
    }

    [Fact]
    public void CancelWait_WhileTheClaimIsOutAndTheMemberMisses_RcvInterrupted()
    {
        var (set, block, dequeue) = WaiterWithAClaimOut();

        set.CancelWait(block.Channel, wakeAborted: true); // thread_abort while the member is asked
        set.DequeueMiss(new SetDequeueMiss(dequeue.Receiver, dequeue.Channel, dequeue.Deadline));

        var wake = Assert.Single(set.TakeEffects().OfType<IpcEffect.Wake>());
        Assert.Same(block.Channel, wake.Channel);
        Assert.Equal(MachMsgReturn.RcvInterrupted, ((MachMsgResult)wake.Result).Return);
        Assert.Equal(0, set.WaitingReceivers);
    }

    [Fact]
    public void CancelWait_TerminationWhileTheClaimIsOutAndTheMemberMisses_Forgotten()
    {
        var (set, block, dequeue) = WaiterWithAClaimOut();

        set.CancelWait(block.Channel, wakeAborted: false);
        set.DequeueMiss(new SetDequeueMiss(dequeue.Receiver, dequeue.Channel, dequeue.Deadline));

        Assert.Empty(set.TakeEffects().Where(e => e is IpcEffect.Wake or IpcEffect.Block or IpcEffect.Tell));
        Assert.Equal(0, set.WaitingReceivers);
    }

    [Fact]
    public void Destroy_WithWaiters_RcvPortDied()
    {
        var set = NewSet();
        set.Receive(Receiver());
        set.TakeEffects();

        set.Destroy();

        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvPortDied), Assert.Single(set.TakeEffects().OfType<IpcEffect.Wake>()).Result);
    }

    [Fact]
    public void Timeout_WaitingReceiver_RcvTimedOut()
    {
        var set = NewSet();
        set.Receive(Receiver(timeout: Duration.FromMilliseconds(2)));
        var timer = Assert.Single(set.TakeEffects().OfType<IpcEffect.StartTimer>());

        set.Timeout(timer.Key);

        Assert.Equal(new MachMsgResult(MachMsgReturn.RcvTimedOut), Assert.Single(set.TakeEffects().OfType<IpcEffect.Wake>()).Result);
    }
}
