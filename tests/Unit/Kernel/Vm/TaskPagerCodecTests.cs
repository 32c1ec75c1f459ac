using MachActors.Actors;
using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Mig;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>The task pager's conversions: PagerMessage -> memory_object messages and memory_object_control messages -> PagerControlMessage.</summary>
public sealed class TaskPagerCodecTests : global::MachActors.Actors.TestKit.TestKit
{
    private const int PageSize = 16;

    private ControlIncarnation Control => new(TestActor, 7);

    [Fact]
    public void Encode_EachKernelCall_TheMachIdAndTheRightsOfMemoryObjectDefs()
    {
        var control = Control;
        var page = ImmutableArray.Create(new byte[PageSize]);
        (PagerMessage Message, int Id)[] cases =
        [
            (new MemoryObjectInit(0, control, 5, PageSize, 9), 2200),
            (new Terminate(1, control, 5), 2201),
            (new DataRequest(2, control, 32, PageSize, VmProt.Read), 2203),
            (new DataUnlock(3, control, 32, PageSize, VmProt.Write), 2204),
            (new LockCompleted(4, control, 0, 64), 2206),
            (new SupplyCompleted(5, control, 0, 16, KernReturn.Success, 16), 2207),
            (new DataReturn(6, control, 48, page, true, false), 2208),
            (new ChangeCompleted(7, true, VmCopyStrategy.Delay), 2209),
        ];
        foreach (var (message, id) in cases)
        {
            var encoded = TaskPagerCodec.Encode(message, 9);
            Assert.NotNull(encoded);
            Assert.Equal(id, encoded.Header.Id);
            Assert.Equal(TaskPagerCodec.PagerName, encoded.Header.Remote);
            Assert.Equal(PortName.Null, encoded.Header.Local); // one way: no reply port
            var rights = encoded.Body.OfType<MsgItem.Port>().Where(p => p.Name == TaskPagerCodec.ControlName).Select(p => p.Disposition).ToList();
            MsgType[] expected = message switch { ChangeCompleted => [], Terminate => [MsgType.MoveReceive], _ => [MsgType.MakeSend] };
            Assert.Equal(expected, rights); // terminate hands over the receive right, as Mach's
        }
    }

    [Fact]
    public void Encode_DefaultPagerOnlyCalls_Null()
    {
        Assert.Null(TaskPagerCodec.Encode(new MemoryObjectCreate(0, 1, 64, Control, 2, PageSize), 0));
        Assert.Null(TaskPagerCodec.Encode(new DataInitialize(0, Control, 0, ImmutableArray.Create(new byte[PageSize])), 0));
    }

    [Fact]
    public void Encode_DataRequestAndReturn_ThePagerServerReadsTheSameValues()
    {
        var pager = new RecordingPager();
        var request = TaskPagerCodec.Encode(new DataRequest(2, Control, 32, PageSize, VmProt.Read | VmProt.Write), 0)!;
        Assert.True(MemoryObjectServer.Demux(LoopbackTransport.Received(request), pager).Handled);
        var bytes = ImmutableArray.Create(Enumerable.Range(0, PageSize).Select(i => (byte)(i + 1)).ToArray());
        var returned = TaskPagerCodec.Encode(new DataReturn(3, Control, 48, bytes, Dirty: true, KernelCopy: false), 0)!;
        Assert.True(MemoryObjectServer.Demux(LoopbackTransport.Received(returned), pager).Handled);
        var init = TaskPagerCodec.Encode(new MemoryObjectInit(0, Control, 5, PageSize, 42), 42)!;
        Assert.True(MemoryObjectServer.Demux(LoopbackTransport.Received(init), pager).Handled);
        Assert.Equal(["request 32 16 Read, Write", $"return 48 {string.Join(",", bytes)} True False", "init 42 5 16"], pager.Calls);
    }

    [Fact]
    public void Decode_DataSupplyOfTwoPages_TwoPagesOnTheIncarnationWithTheBridgeAsReplyTo()
    {
        var data = ImmutableArray.Create(Enumerable.Range(0, 2 * PageSize).Select(i => (byte)i).ToArray());
        var message = Sent(c => c.MemoryObjectDataSupplyAsync(new PortName(3), 64, data, VmProt.Write, precious: true, reply: true));
        var decoded = Assert.IsType<DataSupply>(TaskPagerCodec.Decode(message, Control, PageSize, TestActor));
        Assert.Equal(Control, decoded.Control);
        Assert.Equal(64, decoded.Offset);
        Assert.Equal(2, decoded.Pages.Length);
        Assert.Equal(data.Slice(PageSize, PageSize).ToArray(), decoded.Pages[1].ToArray());
        Assert.Equal(VmProt.Write, decoded.LockValue);
        Assert.True(decoded.Precious);
        Assert.Equal(TestActor, decoded.ReplyTo);
    }

    [Fact]
    public void Encode_DataReturn_TheDataTravelsOutOfLine()
    {
        var page = ImmutableArray.Create(new byte[PageSize]);
        var encoded = TaskPagerCodec.Encode(new DataReturn(6, Control, 48, page, true, false), 0)!;
        Assert.True(Assert.Single(encoded.Body.OfType<MsgItem.Bytes>()).OutOfLine);
    }

    [Fact]
    public void Decode_DataSupplyInline_NullOutOfLineFourPagesDecoded()
    {
        var data = ImmutableArray.Create(new byte[4 * PageSize]);
        var message = Sent(c => c.MemoryObjectDataSupplyAsync(new PortName(3), 0, data, VmProt.None, false, false));
        Assert.True(Assert.Single(message.Body.OfType<MsgItem.Bytes>()).OutOfLine);
        Assert.Equal(4, Assert.IsType<DataSupply>(TaskPagerCodec.Decode(message, Control, PageSize, TestActor)).Pages.Length);
        var inline = message with { Body = [.. message.Body.Select(i => i is MsgItem.Bytes b ? b with { OutOfLine = false } : i)] };
        Assert.Null(TaskPagerCodec.Decode(inline, Control, PageSize, TestActor));
    }

    [Fact]
    public void Decode_EachControlCall_ItsPagerControlMessage()
    {
        var port = new PortName(3);
        Assert.Equal(new Ready(Control, true, VmCopyStrategy.Delay),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectReadyAsync(port, true, VmCopyStrategy.Delay)), Control, PageSize, TestActor));
        Assert.Equal(new DataUnavailable(Control, 16, 32),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataUnavailableAsync(port, 16, 32)), Control, PageSize, TestActor));
        Assert.Equal(new DataError(Control, 0, 16, KernReturn.Failure),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataErrorAsync(port, 0, 16, KernReturn.Failure)), Control, PageSize, TestActor));
        Assert.Equal(new LockRequest(Control, 0, 64, LockReturnPolicy.All, true, null, null),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectLockRequestAsync(port, 0, 64, LockReturnPolicy.All, true, -1, false)), Control, PageSize, TestActor));
        Assert.Equal(new LockRequest(Control, 0, 16, LockReturnPolicy.None, false, VmProt.Write, TestActor),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectLockRequestAsync(port, 0, 16, LockReturnPolicy.None, false, (int)VmProt.Write, true)), Control, PageSize, TestActor));
        Assert.Equal(new ChangeAttributes(Control, false, VmCopyStrategy.None, TestActor),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectChangeAttributesAsync(port, false, VmCopyStrategy.None, true)), Control, PageSize, TestActor));
        Assert.Equal(new Destroy(Control, KernReturn.Success),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDestroyAsync(port, KernReturn.Success)), Control, PageSize, TestActor));
    }

    [Fact]
    public void Decode_ReplyToForms_TheReplyPortNamesTheCompletionsDestination()
    {
        var port = new PortName(3);
        var reply = new PortName(9);
        var asked = new List<PortName>();
        var bridge = CreateTestProbe().Ref;
        IActorRef? Relay(PortName name)
        {
            asked.Add(name);
            return TestActor;
        }
        var page = ImmutableArray.Create(new byte[PageSize]);
        var supply = TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataSupplyToAsync(port, 0, page, VmProt.None, false, reply)), Control, PageSize, bridge, Relay);
        Assert.Equal(TestActor, Assert.IsType<DataSupply>(supply).ReplyTo);
        Assert.Equal(new LockRequest(Control, 0, 16, LockReturnPolicy.Dirty, true, null, TestActor),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectLockRequestToAsync(port, 0, 16, LockReturnPolicy.Dirty, true, -1, reply)), Control, PageSize, bridge, Relay));
        Assert.Equal(new ChangeAttributes(Control, true, VmCopyStrategy.Delay, TestActor),
            TaskPagerCodec.Decode(Sent(c => c.MemoryObjectChangeAttributesToAsync(port, true, VmCopyStrategy.Delay, reply)), Control, PageSize, bridge, Relay));
        Assert.Equal(3, asked.Count);
        var torn = ImmutableArray.Create(new byte[PageSize + 1]);
        Assert.Null(TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataSupplyToAsync(port, 0, torn, VmProt.None, false, reply)), Control, PageSize, bridge, Relay));
        Assert.Equal(3, asked.Count); // a bad call takes no reply port
    }

    [Fact]
    public void Decode_HostileInput_NullNeverThrows()
    {
        var port = new PortName(3);
        var partPage = ImmutableArray.Create(new byte[PageSize + 1]);
        Assert.Null(TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataSupplyAsync(port, 0, partPage, VmProt.None, false, false)), Control, PageSize, TestActor));
        Assert.Null(TaskPagerCodec.Decode(Sent(c => c.MemoryObjectDataSupplyAsync(port, 0, [], VmProt.None, false, false)), Control, PageSize, TestActor));
        var unknownId = new MachMessage(new MsgHeader(PortName.Null, MsgType.None, port, MsgType.PortSend, 2099));
        Assert.Null(TaskPagerCodec.Decode(unknownId, Control, PageSize, TestActor));
        var ready = Sent(c => c.MemoryObjectReadyAsync(port, true, VmCopyStrategy.Delay));
        Assert.Null(TaskPagerCodec.Decode(ready with { Body = [] }, Control, PageSize, TestActor)); // a body too short
    }

    private static MachMessage Sent(Func<MemoryObjectControlClient, ValueTask<MachMsgReturn>> call)
    {
        var transport = new KeepingTransport();
        var kept = transport.Kept(call(new MemoryObjectControlClient(transport)));
        Assert.NotNull(kept);
        return LoopbackTransport.Received(kept);
    }

    /// <summary>A pager's server that records what the demux handed it.</summary>
    private sealed class RecordingPager : IMemoryObject
    {
        public List<string> Calls { get; } = [];

        public KernReturn MemoryObjectInit(PortName memoryObject, PortName memoryControl, long key, long name, int pageSize) => Add($"init {key} {name} {pageSize}");

        public KernReturn MemoryObjectTerminate(PortName memoryObject, PortName memoryControl, long name) => Add($"terminate {name}");

        public KernReturn MemoryObjectDataRequest(PortName memoryObject, PortName memoryControl, long offset, long length, VmProt desiredAccess) =>
            Add($"request {offset} {length} {desiredAccess}");

        public KernReturn MemoryObjectDataUnlock(PortName memoryObject, PortName memoryControl, long offset, long length, VmProt desiredAccess) => Add("unlock");

        public KernReturn MemoryObjectLockCompleted(PortName memoryObject, PortName memoryControl, long offset, long length) => Add("lock completed");

        public KernReturn MemoryObjectSupplyCompleted(PortName memoryObject, PortName memoryControl, long offset, long length, KernReturn result, long errorOffset) =>
            Add("supply completed");

        public KernReturn MemoryObjectDataReturn(PortName memoryObject, PortName memoryControl, long offset, ImmutableArray<byte> data, bool dirty, bool kernelCopy) =>
            Add($"return {offset} {string.Join(",", data)} {dirty} {kernelCopy}");

        public KernReturn MemoryObjectChangeCompleted(PortName memoryObject, bool mayCache, VmCopyStrategy copyStrategy) => Add("change completed");

        private KernReturn Add(string call)
        {
            Calls.Add(call);
            return KernReturn.Success;
        }
    }
}
