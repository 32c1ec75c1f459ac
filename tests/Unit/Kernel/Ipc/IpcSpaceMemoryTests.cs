using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>The space's side of out-of-line memory (<see cref="IMessageMemory"/>) on a fake address space: order of checks, copies and deallocation; copyout failures; destruction.</summary>
public sealed class IpcSpaceMemoryTests
{
    private static readonly FakeRef ObjectActor = new("object", 500);

    /// <summary>Records what the space asks; regions starting at <see cref="Bad"/> are unmapped; copyout fails when <see cref="Full"/>.</summary>
    private sealed class FakeMemory : IMessageMemory
    {
        public const ulong Bad = 0xdead_0000;

        public List<string> Log { get; } = [];

        public bool Full { get; init; }

        public MachMsgReturn CheckCopyin(ulong address, ulong length) => address == Bad ? MachMsgReturn.SendInvalidMemory : MachMsgReturn.Success;

        public KernelItem.Memory? Copyin(ulong address, ulong length)
        {
            Log.Add($"copyin {address:x}");
            return Copy(address, length);
        }

        public void Deallocate(ulong address, ulong length) => Log.Add($"deallocate {address:x}");

        public void Discard(KernelItem.Memory memory) => Log.Add($"discard {memory.Copy.PageOffset:x}");

        public bool Copyout(KernelItem.Memory memory, out ulong address)
        {
            address = Full ? 0 : 0x7000 + memory.Copy.PageOffset;
            Log.Add(Full ? "no space" : $"copyout {address:x}");
            return !Full;
        }
    }

    private static KernelItem.Memory Copy(ulong address, ulong length) =>
        new(new VmCopy([new VmCopyPiece(new VmObjectRef((long)address), 0, 4096, true)], address % 4096, length), new Dictionary<long, IActorRef> { [(long)address] = ObjectActor });

    [Fact]
    public void Copyin_BadRegionAfterAGoodOne_SendInvalidMemoryAndNothingTouched()
    {
        var memory = new FakeMemory();
        var space = new IpcSpace(new FakeRef("space", 900)) { Memory = memory };
        var dest = ReceiveAndSend(space, 1);

        var code = space.Copyin(Msg(dest, MsgType.MakeSend, body: [new MsgItem.Memory(0x1000, 10, Deallocate: true), new MsgItem.Memory(FakeMemory.Bad, 10)]), out var message);

        Assert.Equal(MachMsgReturn.SendInvalidMemory, code);
        Assert.Null(message);
        Assert.Empty(memory.Log);
        Assert.Empty(space.TakeEffects());
    }

    [Fact]
    public void Copyin_BadRightAfterAMovedRegion_CopyDiscardedAndNothingDeallocated()
    {
        var memory = new FakeMemory();
        var space = new IpcSpace(new FakeRef("space", 900)) { Memory = memory };
        var dest = ReceiveAndSend(space, 1);

        var code = space.Copyin(Msg(dest, MsgType.CopySend, body: [new MsgItem.Memory(0x1000, 10, Deallocate: true), new MsgItem.Port(new PortName(0x7777), MsgType.CopySend)]), out _);

        Assert.Equal(MachMsgReturn.SendInvalidRight, code);
        Assert.Equal(["copyin 1000", "discard 0"], memory.Log);
        Assert.DoesNotContain(Tells(space.TakeEffects()), t => t.Message is ObjectRelease); // the task discards: not released twice
    }

    [Fact]
    public void Copyin_Regions_CopiedInOrderThenDeallocatedAfterTheBody()
    {
        var memory = new FakeMemory();
        var space = new IpcSpace(new FakeRef("space", 900)) { Memory = memory };
        var dest = ReceiveAndSend(space, 1);

        var code = space.Copyin(Msg(dest, MsgType.CopySend, body: [new MsgItem.Memory(0x1000, 10, Deallocate: true), new MsgItem.Memory(0x3000, 0, Deallocate: true), new MsgItem.Memory(0x5010, 10)]), out var message);

        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal(["copyin 1000", "copyin 3000", "copyin 5010", "deallocate 1000"], memory.Log);
        Assert.Equal(3, message!.Body.Count(i => i is KernelItem.Memory));
    }

    [Fact]
    public void Copyin_NoAddressSpaceOrTooLarge_SendInvalidMemory()
    {
        var bare = Space();
        var dest = ReceiveAndSend(bare, 1);
        var withMemory = new IpcSpace(new FakeRef("space", 901)) { Memory = new FakeMemory() };
        var dest2 = ReceiveAndSend(withMemory, 2);

        Assert.Equal(MachMsgReturn.SendInvalidMemory, bare.Copyin(Msg(dest, MsgType.CopySend, body: [new MsgItem.Memory(0x1000, 10)]), out _));
        Assert.Equal(MachMsgReturn.SendInvalidMemory, withMemory.Copyin(Msg(dest2, MsgType.CopySend, body: [new MsgItem.Memory(0x1000, IpcLimits.OutOfLineMax + 1UL)]), out _));
    }

    [Fact]
    public void CopyoutReceived_NoSpace_BodyErrorVmSpaceAddressZeroRestDelivered()
    {
        var memory = new FakeMemory { Full = true };
        var space = new IpcSpace(new FakeRef("space", 900)) { Memory = memory };
        Receive(space, 1);

        var received = space.CopyoutReceived(KMsg(Port(1), body: [new KernelItem.Data(new MsgItem.Int32(3)), Copy(0x1010, 5)]), MachMsgOption.Receive, PortName.Null, out var code);

        Assert.Equal(MachMsgReturn.RcvBodyError | MachMsgReturn.VmSpace, code);
        Assert.Equal<MsgItem>([new MsgItem.Int32(3), new MsgItem.Memory(0, 5)], received!.Body);
        Assert.Equal(["no space"], memory.Log);
    }

    [Fact]
    public void CopyoutReceived_Fits_AddressFromTheAddressSpace()
    {
        var memory = new FakeMemory();
        var space = new IpcSpace(new FakeRef("space", 900)) { Memory = memory };
        Receive(space, 1);

        var received = space.CopyoutReceived(KMsg(Port(1), body: [Copy(0x1010, 5)]), MachMsgOption.Receive, PortName.Null, out var code);

        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal<MsgItem>([new MsgItem.Memory(0x7010, 5)], received!.Body);
    }

    [Fact]
    public void ReleaseCarried_MessageWithMemory_ReleasesEveryPieceToItsObject()
    {
        var effects = new List<IpcEffect>();

        Notifications.ReleaseCarried(KMsg(Port(1), body: [Copy(0x1000, 5), Copy(0x2000, 5)]), effects);

        Assert.Equal([(ObjectActor, (object)ObjectRelease.Instance), (ObjectActor, ObjectRelease.Instance)], Tells(effects));
    }

    [Fact]
    public void KernelPortRequest_Memory_ReleasedWithTheUnclaimedRightsAndReadsAddressZero()
    {
        var obj = new RecordingRef();
        var item = new KernelItem.Memory(new VmCopy([new VmCopyPiece(new VmObjectRef(9), 0, 4096, true)], 0, 5), new Dictionary<long, IActorRef> { [9] = obj });
        var request = new KernelPortRequest(KMsg(Port(1), body: [item]));
        Assert.Empty(obj.Told);

        request.ReleaseUnclaimed(null);

        Assert.Equal<MsgItem>([new MsgItem.Memory(0, 5)], request.Message.Body);
        Assert.Equal([ObjectRelease.Instance], obj.Told);
    }

    /// <summary>An actor ref that records what it is told.</summary>
    private sealed class RecordingRef : IActorRef
    {
        public List<object> Told { get; } = [];

        public ActorId Id { get; } = new(501);

        public ActorPath Path { get; } = ActorPath.Root.Child("fake").Child("recording");

        public void Tell(object message, IActorRef? sender) => Told.Add(message);

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
    }
}
