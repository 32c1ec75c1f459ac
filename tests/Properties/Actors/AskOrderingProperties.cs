using FsCheck.Fluent;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors;

/// <summary>
/// Ask and causality: what the host tells after an Ask's reply must not overtake what the replying
/// handler told before returning (the handler is one step; the host saw its result).
/// </summary>
public class AskOrderingProperties
{
    private static void Holds(string? problem) => Assert.True(problem is null, problem);

    [Fact] // 500 cases: generated sink count and strategy seed
    public void ControlledDispatcher_HostTellsAfterAReplyComeAfterTheRepliersTells() =>
        PropCheck.Check(Prop.ForAll(AskOrdering.SinkCounts.ToArbitrary(), RunMode.ControlledModes.ToArbitrary(),
            (sinks, mode) => Holds(AskOrdering.Run(sinks, mode))), maxTest: 500);

    [Fact]
    // 100 cases x 3 runs each, throughput 1, 2, 5 or 30
    public void ParallelDispatcher_HostTellsAfterAReplyComeAfterTheRepliersTells() =>
        PropCheck.Check(Prop.ForAll(AskOrdering.SinkCounts.ToArbitrary(), RunMode.ParallelModes.ToArbitrary(), (sinks, mode) =>
        {
            for (var run = 0; run < 3; run++) Holds(AskOrdering.Run(sinks, mode));
        }), maxTest: 100);
}
