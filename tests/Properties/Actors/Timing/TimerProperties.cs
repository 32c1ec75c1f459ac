using FsCheck.Fluent;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Timing;

/// <summary>
/// (d) Timers: every timer message is handled never before its due time (with the default strategy
/// and the parallel dispatcher exactly at it), each owner handles them in (due, arming) order, and
/// a cancelled timer delivers nothing more.
/// </summary>
public class TimerProperties
{
    private static void Check(TimerWorkload workload, RunMode mode)
    {
        var logs = TimerRun.Run(workload, mode);
        var exact = mode.EarlyTimers == 0;
        for (var o = 0; o < logs.Length; o++)
        {
            Assert.False(exact && logs[o].StartedAt != 0, $"{mode}: owner o{o} started at {logs[o].StartedAt} ms, not 0");
            var expected = workload.Expected(o, logs[o].StartedAt);
            var actual = logs[o].Handled;
            foreach (var h in actual)
            {
                var cancelAt = workload.Owners[o][h.Key].CancelAt;
                Assert.False(cancelAt > 0 && h.At > cancelAt, $"{mode}: owner o{o}: cancelled timer t{h.Key} (at {cancelAt}) delivered at {h.At}");
            }
            var order = $"{mode}: owner o{o} handled [{string.Join(' ', actual)}], the model says [{string.Join(' ', expected)}]";
            Assert.True(expected.Select(e => e.Key).SequenceEqual(actual.Select(a => a.Key)), "order: " + order);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.False(actual[i].At < expected[i].Due, "early: " + order);
                Assert.False(exact && actual[i].At > expected[i].Due, "late: " + order);
            }
        }
    }

    [Fact] // 2000 cases: default random strategy (no early timers), generated seed
    public void ControlledDispatcher_DefaultStrategy_ExactlyOnTime() =>
        PropCheck.Check(Prop.ForAll(TimerWorkload.Arbitrary, RunMode.ControlledModes.ToArbitrary(), Check), maxTest: 2000);

    [Fact] // 1000 cases: random strategy firing future timers early with probability 0.3, generated seed
    public void ControlledDispatcher_EarlyTimers_NeverEarly() =>
        PropCheck.Check(Prop.ForAll(TimerWorkload.Arbitrary, RunMode.Seeds.Select(s => RunMode.Controlled(s, 0.3)).ToArbitrary(), Check),
            maxTest: 1000);

    [Fact] // 1000 cases x 2 runs each, throughput 1, 2, 5 or 30
    public void ParallelDispatcher_ExactlyOnTime() =>
        PropCheck.Check(Prop.ForAll(TimerWorkload.Arbitrary, RunMode.ParallelModes.ToArbitrary(), (workload, mode) =>
        {
            for (var run = 0; run < 2; run++) Check(workload, mode);
        }), maxTest: 1000);
}
