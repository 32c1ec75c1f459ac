using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// A VM object's last reference going while frames are in flight to it, with the real resident memory
/// (<see cref="VmResident"/>) and the test actor as the task: every frame comes back to the free queue.
/// </summary>
public sealed class VmObjectReleaseTests : global::MachActors.Actors.TestKit.TestKit
{
    private readonly IActorRef _resident;

    public VmObjectReleaseTests()
    {
        var config = new MachineConfig { FrameCount = 32 };
        _resident = Sys.Spawn(Props.Create(() => new VmResident(config, null)), "vm-resident");
    }

    private int FreeFrames()
    {
        _resident.Tell(GetVmResidentStats.Instance, TestActor);
        return ExpectMsg<VmResidentStats>().FreeFrames;
    }

    /// <summary>The fault answers the test actor gets until the object stops.</summary>
    private List<ObjectFaultAnswer> AnswersUntilStopped()
    {
        var answers = new List<ObjectFaultAnswer>();
        while (FishForMessage(_ => true) is ObjectFaultAnswer answer) answers.Add(answer);
        return answers;
    }

    private IActorRef SpawnObject(long id)
    {
        _resident.Tell(new SpawnVmObject(id), TestActor);
        return ExpectMsg<VmObjectSpawned>().Object!;
    }

    [Fact]
    public void Release_ZeroFillFrameInFlight_FrameReturnsToTheFreeQueue()
    {
        var start = FreeFrames();
        var obj = SpawnObject(1);
        Watch(obj);

        obj.Tell(new ObjectFault(1, 0, VmProt.Write), TestActor); // asks the resident memory for a zeroed frame
        obj.Tell(ObjectRelease.Instance, TestActor); // the last reference goes before the frame arrives

        var answers = AnswersUntilStopped();

        Assert.Equal(start, FreeFrames());
        var answer = Assert.Single(answers); // the fault is told to look again (its map no longer names the object)
        Assert.Equal(VmFaultOutcome.Retry, answer.Answer.Outcome);
    }

    [Fact]
    public void Release_TwoZeroFillsInFlightAndAResidentPage_EveryFrameReturns()
    {
        var start = FreeFrames();
        var obj = SpawnObject(2);
        Watch(obj);
        obj.Tell(new ObjectFault(1, 0, VmProt.Write), TestActor);
        Assert.Equal(VmFaultOutcome.Resident, ExpectMsg<ObjectFaultAnswer>().Answer.Outcome);

        obj.Tell(new ObjectFault(2, 4096, VmProt.Write), TestActor);
        obj.Tell(new ObjectFault(3, 8192, VmProt.Read), TestActor);
        obj.Tell(ObjectRelease.Instance, TestActor);

        var answers = AnswersUntilStopped();

        Assert.Equal(start, FreeFrames());
        Assert.Equal([2L, 3L], answers.Select(a => a.FaultId).Order());
        Assert.All(answers, a => Assert.Equal(VmFaultOutcome.Retry, a.Answer.Outcome));
    }
}
