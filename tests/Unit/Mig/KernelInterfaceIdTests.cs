using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Tests.Unit.Mig;

/// <summary>The kernel's declared subsystems carry the spec's ids (sections 1.5, 3, 6, 7, 8).</summary>
public class KernelInterfaceIdTests
{
    [Fact]
    public void MachTaskServer_SpecIds_ServedAndNothingElse()
    {
        int[] ids = [2007, 2008, 2009, 2010, 2011, 2012, 2033, 2034, 2056, 2057, 2058, 2059, 2061];
        Assert.All(ids, id => Assert.True(MachTaskServer.IsRoutine(id), id.ToString()));
        Assert.Equal(ids, Enumerable.Range(1990, 100).Where(MachTaskServer.IsRoutine));
    }

    [Fact]
    public void MachThreadServer_SpecIds_ServedAndNothingElse()
    {
        int[] ids = [2016, 2019, 2062, 2063, 2064, 2067, 2068];
        Assert.Equal(ids, Enumerable.Range(1990, 100).Where(MachThreadServer.IsRoutine));
    }

    [Fact]
    public void NotifyServer_SpecIds_SkipsSlots64To67And68()
    {
        Assert.Equal([65, 66, 69, 70, 71, 72], Enumerable.Range(60, 20).Where(NotifyServer.IsRoutine));
    }

    [Fact]
    public void DeviceServer_SpecIds_SkipsObsoleteSlotsAndMap()
    {
        Assert.Equal([2800, 2801, 2802, 2803, 2804, 2805, 2810, 2811], Enumerable.Range(2790, 40).Where(DeviceServer.IsRoutine));
    }

    [Fact]
    public void OtherServers_Ids_AsDeclared()
    {
        Assert.Equal([2400], Enumerable.Range(2390, 30).Where(ExcServer.IsRoutine));
        Assert.Equal([1040, 1041, 1042, 1043], Enumerable.Range(1030, 30).Where(NetnameServer.IsRoutine));
        Assert.Equal([2606, 2608, 2611, 2616, 2619, 2620, 2622, 2638], Enumerable.Range(2590, 60).Where(MachHostServer.IsRoutine));
    }

    [Fact]
    public async Task ExcClient_ExceptionRaise_SendsId2400WithThreadTaskAndCodes()
    {
        var transport = new LoopbackTransport { Script = _ => new MachMsgResult(MachMsgReturn.Success,
            new MachMessage(new MsgHeader(PortName.Null, MsgType.None, LoopbackTransport.ReplyPort, MsgType.PortSendOnce, 2500), [new MsgItem.Int32(0)])) };
        var code = await new ExcClient(transport).ExceptionRaiseAsync(new PortName(1), new PortName(2), new PortName(3), 1, 2, 0x1000);

        Assert.Equal(KernReturn.Success, code);
        var request = Assert.Single(transport.Sent);
        Assert.Equal(2400, request.Header.Id);
        Assert.Equal(new MsgItem[]
        {
            new MsgItem.Port(new PortName(2), MsgType.CopySend), new MsgItem.Port(new PortName(3), MsgType.CopySend),
            new MsgItem.Int32(1), new MsgItem.Int32(2), new MsgItem.Int32(0x1000),
        }, request.Body.ToArray());
    }

    [Fact]
    public void NotifyServer_NoSenders_DeliversMscount()
    {
        var server = new NoSendersCounter();
        var request = new MachMessage(new MsgHeader(PortName.Null, MsgType.None, new PortName(7), MsgType.PortSendOnce, 70), [new MsgItem.Int32(4)]);

        Assert.Equal(new MigDemuxResult(true, 0, null), NotifyServer.Demux(request, server));
        Assert.Equal(4, server.Mscount);
    }

    private sealed class NoSendersCounter : INotify
    {
        public int Mscount { get; private set; } = -1;

        public KernReturn PortDeleted(PortName notify, PortName name) => KernReturn.Failure;

        public KernReturn MsgAccepted(PortName notify, PortName name) => KernReturn.Failure;

        public KernReturn PortDestroyed(PortName notify, PortName rights) => KernReturn.Failure;

        public KernReturn NoSenders(PortName notify, int mscount)
        {
            Mscount = mscount;
            return KernReturn.Success;
        }

        public KernReturn SendOnce(PortName notify) => KernReturn.Failure;

        public KernReturn DeadName(PortName notify, PortName name) => KernReturn.Failure;
    }
}
