using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>(a) Per-sender FIFO: on every (origin, route) channel, messages arrive in the order sent.</summary>
public class PerSenderFifoProperties
{
    [Fact] // 2000 cases: one workload and one strategy seed each
    public void ControlledDispatcher_AnySeed() =>
        PropCheck.Check(Prop.ForAll(FifoWorkload.Arbitrary, RunMode.ControlledModes.ToArbitrary(), (workload, mode) =>
            FifoRun.Check(workload, FifoRun.Run(workload, mode))), maxTest: 2000);

    [Fact] // 2000 cases x 3 runs each, throughput 1, 2, 5 or 30
    public void ParallelDispatcher_RepeatedRuns() =>
        PropCheck.Check(Prop.ForAll(FifoWorkload.Arbitrary, RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
        {
            for (var run = 0; run < 3; run++) FifoRun.Check(workload, FifoRun.Run(workload, mode));
        }), maxTest: 2000);
}
