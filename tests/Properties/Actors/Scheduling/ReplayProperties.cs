using FsCheck.Fluent;
using MachActors.Actors.Scheduling;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Scheduling;

/// <summary>(c) Replaying a recorded schedule reproduces the run: the same trace, every decision consumed.</summary>
public class ReplayProperties
{
    [Fact] // 1000 cases: one workload and one random-strategy seed each, recorded once and replayed once
    public void ReplayOfARecordedRandomRunGivesTheIdenticalTrace() =>
        PropCheck.Check(Prop.ForAll(ReplayWorkload.Arbitrary, RunMode.Seeds.ToArbitrary(), (workload, seed) =>
        {
            var recorded = ReplayRun.Run(workload, new RandomStrategy(seed, workload.EarlyTimers));
            var replay = new ReplayStrategy(recorded.Schedule);
            var replayed = ReplayRun.Run(workload, replay);
            Assert.True(replay.IsComplete, $"the replay consumed {replay.Position} of {recorded.Schedule.Decisions.Count} decisions");
            var firstDifference = Enumerable.Range(0, Math.Min(recorded.Trace.Count, replayed.Trace.Count))
                .FirstOrDefault(i => recorded.Trace[i] != replayed.Trace[i], -1);
            Assert.True(firstDifference < 0 && recorded.Trace.Count == replayed.Trace.Count,
                $"traces differ (recorded {recorded.Trace.Count} events, replayed {replayed.Trace.Count}) at event {firstDifference}: "
                + (firstDifference < 0 ? "" : $"'{recorded.Trace[firstDifference]}' vs '{replayed.Trace[firstDifference]}'"));
            Assert.Equal(recorded.Schedule.Decisions, replayed.Schedule.Decisions);
        }), maxTest: 1000);
}
