using System.Collections.Immutable;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;
using MachActors.Tests.Unit.Kernel.Vm;

namespace MachActors.Tests.Unit.Pagers.Default;

/// <summary>The actor on a real <see cref="Disk"/>: 512-byte pages on 512-byte blocks, 16 ms a revolution (8 ms rotational delay, 1 ms a block).</summary>
public sealed class DefaultPagerTests : global::MachActors.Actors.TestKit.TestKit
{
    private const int PageSize = 512;

    private static readonly DiskGeometry Geometry = new()
    {
        BlockSize = 512,
        BlockCount = 64,
        BlocksPerTrack = 16,
        SeekSettle = Duration.FromMilliseconds(2),
        SeekPerTrack = Duration.FromMicroseconds(100),
        RotationPeriod = Duration.FromMilliseconds(16),
    };

    private static readonly DefaultPagerConfig Config = new() { PageSize = PageSize, BlockSize = 512, FirstBlock = 0, BlockCount = 16 };

    private ControlIncarnation Control => new(TestActor, 1);

    private static ImmutableArray<byte> Data(byte seed) => Enumerable.Range(0, PageSize).Select(i => (byte)(seed + i)).ToImmutableArray();

    private IActorRef SpawnPager(IBlockStore? store = null)
    {
        var disk = Sys.Spawn(Props.Create(() => new Disk("swap", Geometry, store ?? new MemoryBlockStore(Geometry), false, DiskScheduling.Fifo)), "swap");
        return Sys.Spawn(Props.Create(() => new DefaultPager(disk, Config)), "default-pager");
    }

    [Fact]
    public void ReturnThenRequest_ThroughTheDisk_SuppliesTheSameBytesAfterBothLatencies()
    {
        var pager = SpawnPager();
        Probe.Send(pager, new MemoryObjectCreate(0, 3, 16L * PageSize, Control, 77, PageSize));
        Probe.Send(pager, new DataReturn(1, Control, 0, Data(40), Dirty: true, KernelCopy: false));

        Probe.Send(pager, new DataRequest(2, Control, 0, PageSize, VmProt.Read));

        var supply = ExpectMsg<DataSupply>();
        Assert.Equal(VirtualTime.Zero + Duration.FromMilliseconds(18), Probe.LastMessage!.At); // write 9 ms, then read 9 ms
        Assert.Equal(Data(40).ToArray(), Assert.Single(supply.Pages).ToArray());
        Assert.Equal((1L, 1L, 0), Stats(pager) is var s ? (s.PagesWritten, s.Supplied, s.DiskRequestsInFlight) : default);
    }

    [Fact]
    public void Return_CreditsToldTo_CreditArrivesWhenTheWriteCompletes()
    {
        var pager = SpawnPager();
        Probe.Send(pager, new PageoutCreditsTo(TestActor));
        Probe.Send(pager, new MemoryObjectCreate(0, 3, 16L * PageSize, Control, 77, PageSize));

        Probe.Send(pager, new DataReturn(1, Control, 0, Data(40), Dirty: true, KernelCopy: false));

        Assert.Equal(new PageoutCredit(Control, 0, PageoutFate.Written), ExpectMsg<PageoutCredit>());
        Assert.Equal(VirtualTime.Zero + Duration.FromMilliseconds(9), Probe.LastMessage!.At); // the write's latency
        Assert.Equal((1L, 0), Stats(pager) is var s ? (s.Credits, s.PagesUnsettled) : default);
    }

    [Fact]
    public void Request_NeverWritten_AnswersDataUnavailableAtOnce()
    {
        var pager = SpawnPager();
        Probe.Send(pager, new MemoryObjectCreate(0, 3, 16L * PageSize, Control, 77, PageSize));

        Probe.Send(pager, new DataRequest(1, Control, 2 * PageSize, PageSize, VmProt.Read));

        Assert.Equal(new DataUnavailable(Control, 2 * PageSize, PageSize), ExpectMsg<DataUnavailable>());
        Assert.Equal(VirtualTime.Zero, Probe.LastMessage!.At);
    }

    [Fact]
    public void WriteError_OnTheDisk_PoisonsTheObject()
    {
        var pager = SpawnPager(new WriteFailingStore(Geometry));
        Probe.Send(pager, new MemoryObjectCreate(0, 3, 16L * PageSize, Control, 77, PageSize));
        Probe.Send(pager, new DataReturn(1, Control, 0, Data(1), Dirty: true, KernelCopy: false));

        Probe.Send(pager, new DataRequest(2, Control, PageSize, PageSize, VmProt.Read));

        Assert.Equal(KernReturn.MemoryError, ExpectMsg<DataError>().Error);
        Assert.Equal(1L, Stats(pager).WriteErrors);
    }

    [Fact]
    public void Terminate_WriteInFlight_FreesTheStorageOnlyAfterTheWrite()
    {
        var pager = SpawnPager();
        Probe.Send(pager, new MemoryObjectCreate(0, 3, 16L * PageSize, Control, 77, PageSize));
        Probe.Send(pager, new DataReturn(1, Control, 0, Data(1), Dirty: true, KernelCopy: false));
        Probe.Send(pager, new Terminate(2, Control, 77));

        var during = Stats(pager);
        ExpectNoMsg(Duration.FromMilliseconds(20));
        var after = Stats(pager);

        Assert.Equal((1, 1L, 1, 0L), (during.Objects, during.SlotsUsed, during.DiskRequestsInFlight, during.Terminated));
        Assert.Equal((0, 0L, 0, 1L), (after.Objects, after.SlotsUsed, after.DiskRequestsInFlight, after.Terminated));
    }

    [Fact]
    public void VmObject_PageOutThenFault_GetsItsBytesBackFromSwap()
    {
        var pager = SpawnPager();
        var host = Sys.Spawn(Props.Create(() => new VmObjectHost(pager, TestActor)), "vm-object");

        host.Tell(new VmObjectHost.PageOutDirty(PageSize, Data(90)), TestActor);
        host.Tell(new VmObjectHost.Fault(PageSize, FaultId: 7), TestActor);

        var resumed = ExpectMsg<VmObjectHost.Resumed>();
        Assert.Equal((7L, VmFaultOutcome.Resident), (resumed.FaultId, resumed.Outcome));
        Assert.Equal(Data(90).ToArray(), resumed.Bytes.ToArray());
        host.Tell(new VmObjectHost.Fault(3 * PageSize, FaultId: 8), TestActor);
        Assert.Equal((8L, VmFaultOutcome.Unavailable), ExpectMsg<VmObjectHost.Resumed>() is var r ? (r.FaultId, r.Outcome) : default);
    }

    private DefaultPagerCounts Stats(IActorRef pager)
    {
        var probe = CreateTestProbe();
        probe.Send(pager, GetDefaultPagerStats.Instance);
        return probe.ExpectMsg<DefaultPagerCounts>();
    }

    private sealed class WriteFailingStore(DiskGeometry geometry) : IBlockStore
    {
        private readonly MemoryBlockStore _inner = new(geometry);

        public int BlockSize => _inner.BlockSize;

        public long BlockCount => _inner.BlockCount;

        public IoStatus Read(long block, Span<byte> into) => _inner.Read(block, into);

        public IoStatus Write(long block, ReadOnlySpan<byte> data) => IoStatus.IoError;

        public void Dispose() => _inner.Dispose();
    }

    /// <summary>
    /// A stand-in for the VM object actor: hosts a <see cref="VmObjectState"/> bound to the default pager,
    /// sends its kernel -> pager messages, applies the pager's answers, and tells the test about resumed faults.
    /// </summary>
    private sealed class VmObjectHost(IActorRef pager, IActorRef test) : Actor
    {
        private readonly FakeFrames _frames = new();
        private VmObjectState? _state;

        public sealed record PageOutDirty(long Offset, ImmutableArray<byte> Data);

        public sealed record Fault(long Offset, long FaultId);

        public sealed record Resumed(long FaultId, VmFaultOutcome Outcome, ImmutableArray<byte> Bytes);

        protected override void PreStart()
        {
            _state = new VmObjectState(PageSize, _frames, name: 77);
            Assert.Equal(KernReturn.Success, _state.CreateForDefaultPager(pager, new ControlIncarnation(Self, 1), memoryObject: 3, size: 16L * PageSize));
            Carry();
        }

        protected override void OnReceive(object message)
        {
            var state = _state!;
            switch (message)
            {
                case PageOutDirty p:
                    Assert.Equal(KernReturn.Success, state.InstallPage(p.Offset, p.Data, dirty: true));
                    Assert.Equal(KernReturn.Success, state.PageOut(p.Offset, flush: true));
                    break;
                case Fault f:
                    Ask(f.Offset, f.FaultId);
                    break;
                case PagerControlMessage answer:
                    state.Receive(answer);
                    break;
            }
            Carry();
        }

        private void Carry()
        {
            foreach (var effect in _state!.TakeEffects().ToList())
            {
                if (effect is VmObjectEffect.Send send) send.To.Tell(send.Message, Self);
                else if (effect is VmObjectEffect.Resume { Answer.Outcome: VmFaultOutcome.Retry } retry) Ask(retry.Answer.Offset, retry.Waiter.FaultId);
                else if (effect is VmObjectEffect.Resume resume) Report(resume.Waiter.FaultId, resume.Answer);
            }
        }

        private void Ask(long offset, long faultId)
        {
            var now = _state!.RequestPage(offset, VmProt.Read, new VmFaultWaiter(Self, faultId));
            if (now.Outcome != VmFaultOutcome.Wait) Report(faultId, now);
        }

        private void Report(long faultId, VmFaultAnswer answer) =>
            test.Tell(new Resumed(faultId, answer.Outcome, answer.Frame is { } frame ? _frames.Read(frame) : []), Self);
    }
}
