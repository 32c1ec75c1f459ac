using FsCheck.Fluent;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors;

/// <summary>(b) No message is lost: every Tell is handled (or, for PoisonPill, consumed) or counted as a dead letter.</summary>
public class NoMessageLostProperties
{
    private int _casesWithDeadLetters;

    private void Check(NoLossWorkload workload, RunMode mode)
    {
        var (told, delivered, deadLetters) = NoLossRun.Run(workload, mode);
        Assert.True(delivered + deadLetters == told,
            $"{mode}: told {told}, delivered {delivered}, dead letters {deadLetters}: {told - delivered - deadLetters} unaccounted for");
        if (deadLetters > 0) Interlocked.Increment(ref _casesWithDeadLetters);
    }

    [Fact] // 2000 cases: one workload and one strategy seed each
    public void ControlledDispatcher_AnySeed()
    {
        PropCheck.Check(Prop.ForAll(NoLossWorkload.Arbitrary, RunMode.ControlledModes.ToArbitrary(), Check), maxTest: 2000);
        Assert.True(_casesWithDeadLetters > 0, "no case stopped a node that still had mail: the property was vacuous");
    }

    [Fact] // 2000 cases x 3 runs each, throughput 1, 2, 5 or 30
    public void ParallelDispatcher_RepeatedRuns()
    {
        PropCheck.Check(Prop.ForAll(NoLossWorkload.Arbitrary, RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
        {
            for (var run = 0; run < 3; run++) Check(workload, mode);
        }), maxTest: 2000);
        Assert.True(_casesWithDeadLetters > 0, "no case stopped a node that still had mail: the property was vacuous");
    }
}
