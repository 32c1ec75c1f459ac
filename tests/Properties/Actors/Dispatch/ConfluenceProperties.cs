using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>(e) A confluent workload ends in the same state under the parallel dispatcher as under the controlled one.</summary>
public class ConfluenceProperties
{
    [Fact] // 1000 cases: one controlled run (generated seed) and two parallel runs (throughput 1, 2, 5 or 30) each
    public void ParallelRunsEndInTheControlledRunsState() =>
        PropCheck.Check(Prop.ForAll(ConfluenceWorkload.Arbitrary, RunMode.Seeds.ToArbitrary(), RunMode.ParallelModes.ToArbitrary(),
            (workload, seed, parallel) =>
            {
                var controlled = ConfluenceRun.Run(workload, RunMode.Controlled(seed)).ToString();
                Assert.Equal(workload.Expected().ToString(), controlled);
                for (var run = 0; run < 2; run++) Assert.Equal(controlled, ConfluenceRun.Run(workload, parallel).ToString());
            }), maxTest: 1000);
}
