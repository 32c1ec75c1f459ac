using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>mach_port_set_mscount and mach_port_set_seqno: the space's checks, the port's state, and a machine on both dispatchers.</summary>
public sealed class PortCountersTests
{
    [Fact]
    public void SetMsCountAndSeqno_ReceiveRight_ToldToThePort()
    {
        var space = Space(920);
        var name = Receive(space, 80);

        Assert.Equal(KernReturn.Success, space.SetMsCount(name, 7));
        Assert.Equal(KernReturn.Success, space.SetSeqno(name, 40));

        Assert.Equal([new PortSetMsCount(7), new PortSetSeqno(40)], To(space.TakeEffects(), Port(80)));
    }

    [Fact]
    public void SetMsCountAndSeqno_BadInput_CodesAndNothingTold()
    {
        var space = Space(921);
        var receive = Receive(space, 81);
        var send = SendRight(space, 82);

        Assert.Equal(KernReturn.InvalidName, space.SetMsCount(new PortName(0x5555), 1));
        Assert.Equal(KernReturn.InvalidName, space.SetSeqno(PortName.Null, 1));
        Assert.Equal(KernReturn.InvalidRight, space.SetMsCount(send, 1));
        Assert.Equal(KernReturn.InvalidRight, space.SetSeqno(send, 1));
        Assert.Equal(KernReturn.InvalidValue, space.SetMsCount(receive, -1));
        Assert.Equal(KernReturn.InvalidValue, space.SetSeqno(receive, -1));
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void SetSeqno_ThenDequeue_MessageStampedWithTheNewSeqno()
    {
        var receiver = new FakeRef("rs", 922);
        var port = new PortState(Port(83), receiver);
        port.SetMsCount(5);
        port.SetSeqno(100);
        port.Enqueue(KMsg(Port(83)), null);
        port.Receive(new ReceiveWait(Thread(), receiver, MachMsgOption.Receive, 1024, null));

        var delivered = port.TakeEffects().OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<SpaceDeliver>().Single();
        Assert.Equal(100, delivered.Message.Seqno);
        Assert.Equal(101, port.Seqno);
        Assert.Equal(5, port.MsCount);
    }

    public static TheoryData<DispatcherKind> Dispatchers => new() { DispatcherKind.Controlled, DispatcherKind.Parallel };

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void SetMsCountAndSeqno_OnAMachine_StatusAndNextSeqnoFollow(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var codes = new List<KernReturn>();
        PortStatus? status = null;
        MachMsgResult? received = null;
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            Assert.Equal(KernReturn.Success, (await env.PortInsertRight(port, port, MsgType.MakeSend)).Result);
            codes.Add((await env.PortSetMsCount(port, 9)).Result);
            codes.Add((await env.PortSetSeqno(port, 33)).Result);
            codes.Add((await env.PortSetMsCount(env.TaskSelf, 1)).Result); // a send right only
            codes.Add((await env.PortSetSeqno(new PortName(0x6666), 1)).Result);
            codes.Add((await env.PortSetSeqno(port, -5)).Result);
            status = await env.PortGetReceiveStatus(port);
            Assert.Equal(MachMsgReturn.Success, (await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 1), []))).Return);
            received = await env.Receive(port, Duration.Zero);
        });

        kit.RunToEnd();

        Assert.Equal([KernReturn.Success, KernReturn.Success, KernReturn.InvalidRight, KernReturn.InvalidName, KernReturn.InvalidValue], codes);
        Assert.Equal(9, status!.MsCount);
        Assert.Equal(33, status.Seqno);
        Assert.Equal(33, received!.Message!.Seqno);
        kit.AssertNoActorFailures();
    }
}
