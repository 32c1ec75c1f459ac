using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>
/// (f) The parallel dispatcher only produces schedules the controlled one could produce: the
/// precedence graph of every parallel run is acyclic (see <see cref="PrecedenceGraph"/>).
/// </summary>
public class SerializabilityProperties
{
    [Fact] // 3000 cases x 4 runs each, throughput 1, 2, 5 or 30
    public void ParallelDispatcher_EveryRunIsSerializable() =>
        PropCheck.Check(Prop.ForAll(SerializabilityWorkload.Arbitrary(3), RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
        {
            for (var run = 0; run < 4; run++) SerializabilityRun.Check(workload, mode);
        }), maxTest: 3000);

    [Fact] // 100 cases, one run each: race-prone shapes (a busy relay first and its target last in a 10-42 target send)
    public void ParallelDispatcher_RaceProneShapesAreSerializable() =>
        PropCheck.Check(Prop.ForAll(SerializabilityWorkload.RaceProneShapes.ToArbitrary(), RunMode.ParallelModes.ToArbitrary(),
            SerializabilityRun.Check), maxTest: 100);

    [Fact] // 1000 cases: the checker accepts every controlled run (they are serial by construction), generated seed
    public void ControlledDispatcher_EveryRunIsSerializable() =>
        PropCheck.Check(Prop.ForAll(SerializabilityWorkload.Arbitrary(3), RunMode.ControlledModes.ToArbitrary(), SerializabilityRun.Check),
            maxTest: 1000);
}
