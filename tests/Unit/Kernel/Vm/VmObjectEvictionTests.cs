using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// The eviction protocol of one <see cref="VmObject"/> actor, with the test actor as the resident memory,
/// the default pager and the faulting task at once (one mailbox: the log is the object's send order),
/// and a stub task, named as the mapper of the faults, answering RemoveFrameMappings.
/// </summary>
public sealed class VmObjectEvictionTests : global::MachActors.Actors.TestKit.TestKit
{
    private const int PageSize = 512;
    private static readonly VmFrame Frame = new(5);

    private static ImmutableArray<byte> Data(byte seed) => Enumerable.Range(0, PageSize).Select(i => (byte)(seed + i)).ToImmutableArray();

    private IActorRef? _task;

    private IActorRef SpawnObject()
    {
        var world = TestActor;
        var task = _task = Sys.Spawn(Props.Create(() => new TaskStub(world)), "task");
        task.Tell(GetObject.Instance, TestActor);
        return ExpectMsg<IActorRef>();
    }

    /// <summary>A zero-filled resident page at offset 0 in <see cref="Frame"/>.</summary>
    private void ZeroFill(IActorRef obj, long faultId)
    {
        obj.Tell(new ObjectFault(faultId, 0, VmProt.Write, _task), TestActor);
        var allocate = ExpectMsg<FrameAllocate>();
        obj.Tell(new FrameAllocated(allocate.RequestId, Frame), TestActor);
        Assert.Equal(VmFaultOutcome.Resident, ExpectMsg<ObjectFaultAnswer>().Answer.Outcome);
    }

    [Fact]
    public void Evict_DirtyPage_DataReturnedExactlyOnceBeforeTheFrameIsFreedAndReused()
    {
        var obj = SpawnObject();
        ZeroFill(obj, 1);

        obj.Tell(new PageEvict(1, Frame, 0), TestActor);
        Assert.Equal(new PageUnmapped(1, false), ExpectMsg<PageUnmapped>());
        obj.Tell(new PageEvicted(1, true, Data(7)), TestActor);
        var log = Probe.ReceiveN(3);
        var create = Assert.IsType<MemoryObjectCreate>(log[0]);
        var returned = Assert.IsType<DataReturn>(log[1]);
        Assert.Equal((0L, true, false), (returned.Offset, returned.Dirty, returned.KernelCopy));
        Assert.Equal(Data(7).ToArray(), returned.Data.ToArray());
        var freed = Assert.IsType<FrameFree>(log[2]);
        Assert.Equal([Frame], freed.Frames);
        Assert.Equal(1, freed.Laundered); // the data_return to the default pager is laundry from here on

        // The page comes back: the request follows the return, the supply is staged in the reused frame.
        obj.Tell(new ObjectFault(2, 0, VmProt.Read), TestActor);
        var request = ExpectMsg<DataRequest>();
        Assert.True(request.Seqno > returned.Seqno);
        obj.Tell(new DataSupply(create.Control, 0, [Data(7)], VmProt.None, false, null), TestActor);
        var staged = ExpectMsg<FrameAllocate>();
        Assert.Equal(Data(7).ToArray(), staged.Contents.ToArray());
        obj.Tell(new FrameAllocated(staged.RequestId, Frame), TestActor);
        var resumed = ExpectMsg<ObjectFaultAnswer>(); // the waiting fault is asked again inside the object: no second trap
        Assert.Equal(2, resumed.FaultId);
        Assert.Equal(new VmFaultAnswer(VmFaultOutcome.Resident, 0, Frame), resumed.Answer);
        obj.Tell(new ObjectFault(3, 0, VmProt.Read), TestActor);
        Assert.Equal(new VmFaultAnswer(VmFaultOutcome.Resident, 0, Frame), ExpectMsg<ObjectFaultAnswer>().Answer);
        ExpectNoMsg();
    }

    [Fact]
    public void Evict_CleanPage_DroppedWithoutDataReturnOrFree()
    {
        var obj = SpawnObject();
        ZeroFill(obj, 1);

        obj.Tell(new PageEvict(1, Frame, 0), TestActor);
        ExpectMsg<PageUnmapped>();
        obj.Tell(new PageEvicted(1, false, []), TestActor);
        ExpectNoMsg(); // the resident memory already freed the frame

        obj.Tell(new ObjectFault(2, 0, VmProt.Read), TestActor);
        Assert.Equal(default, ExpectMsg<FrameAllocate>().Contents); // no pager: zero fill again
    }

    [Fact]
    public void Evict_PageBusyOrElsewhere_Declined()
    {
        var obj = SpawnObject();
        ZeroFill(obj, 1);

        obj.Tell(new PageEvict(1, new VmFrame(6), 0), TestActor);
        Assert.Equal(new PageEvictDeclined(1), ExpectMsg<PageEvictDeclined>());
        obj.Tell(new PageEvict(2, Frame, 4 * PageSize), TestActor);
        Assert.Equal(new PageEvictDeclined(2), ExpectMsg<PageEvictDeclined>());
    }

    /// <summary>A page paged out once (the default pager object exists), a second page resident in <paramref name="second"/> with its eviction at the resident memory, then the last reference goes.</summary>
    private (IActorRef Object, MemoryObjectCreate Create) ReleaseWithPageoutInFlight(VmFrame second)
    {
        var obj = SpawnObject();
        ZeroFill(obj, 1);
        obj.Tell(new PageEvict(1, Frame, 0), TestActor);
        ExpectMsg<PageUnmapped>();
        obj.Tell(new PageEvicted(1, true, Data(7)), TestActor);
        var create = ExpectMsg<MemoryObjectCreate>();
        ExpectMsg<DataReturn>();
        ExpectMsg<FrameFree>();
        obj.Tell(new ObjectFault(2, PageSize, VmProt.Write, _task), TestActor);
        ExpectMsg<DataRequest>();
        obj.Tell(new DataUnavailable(create.Control, PageSize, PageSize), TestActor); // never written: zero fill
        obj.Tell(new FrameAllocated(ExpectMsg<FrameAllocate>().RequestId, second), TestActor);
        Assert.Equal(VmFaultOutcome.Resident, ExpectMsg<ObjectFaultAnswer>().Answer.Outcome);
        obj.Tell(new PageEvict(2, second, PageSize), TestActor);
        ExpectMsg<PageUnmapped>();

        obj.Tell(ObjectRelease.Instance, TestActor);
        return (obj, create);
    }

    [Fact]
    public void Release_DirtyPageoutInFlight_TerminateReachesThePagerAndTheFrameIsFreedWhenTheResidentMemoryLetsGo()
    {
        var second = new VmFrame(6);
        var (obj, create) = ReleaseWithPageoutInFlight(second);

        var terminate = ExpectMsg<MachActors.Kernel.Vm.Terminate>(); // I10: the incarnation ends although a pageout was in flight
        Assert.Equal(create.Control, terminate.Control);
        ExpectNoMsg(); // the frame is the resident memory's to decide
        obj.Tell(new PageEvicted(2, true, Data(8)), TestActor);
        var free = ExpectMsg<FrameFree>();
        Assert.Equal([second], free.Frames);
        Assert.Equal(9, free.ObjectGone);
        Assert.Equal(0, free.Laundered); // no data_return went: nothing joins the laundry
    }

    [Fact]
    public void Release_CleanEvictionAtTheResidentMemory_FrameNotFreedTwice()
    {
        var second = new VmFrame(6);
        var (obj, _) = ReleaseWithPageoutInFlight(second);

        ExpectMsg<MachActors.Kernel.Vm.Terminate>();
        ExpectNoMsg();
        obj.Tell(new PageEvicted(2, false, []), TestActor); // the resident memory freed it (clean): it may already hold another page
        var free = ExpectMsg<FrameFree>();
        Assert.Empty(free.Frames);
        Assert.Equal(9, free.ObjectGone);
    }

    private sealed record GetObject
    {
        public static readonly GetObject Instance = new();
    }

    /// <summary>The mapping task: removes "mappings" at once (no CPU caches them).</summary>
    private sealed class TaskStub(IActorRef world) : Actor
    {
        private IActorRef? _object;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case GetObject:
                    _object ??= Context.Spawn(Props.Create(() => new VmObject(9, PageSize, world, Duration.FromSeconds(30), world)));
                    Sender.Tell(_object, Self);
                    break;
                case RemoveFrameMappings r:
                    Sender.Tell(new FrameMappingsRemoved(r.Token), Self);
                    break;
            }
        }
    }
}
