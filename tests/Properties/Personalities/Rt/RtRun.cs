using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Personalities.Rt;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;
using TaskSet = MachActors.Tests.Properties.Personalities.Rt.RtProperties.TaskSet;

namespace MachActors.Tests.Properties.Personalities.Rt;

/// <summary>One machine (one CPU unless told) running the RT server with a task set, in a given run mode; the server's report (null when the run did not end).</summary>
internal static class RtRun
{
    public static RtReport? Run(IReadOnlyList<RtTaskSpec> set, RunMode mode, RtSeededBugs bugs = RtSeededBugs.None, int cpus = 1)
    {
        using var system = mode.CreateSystem();
        var programs = new ProgramRegistry();
        var config = new RtConfig { Main = RtBoot.MainFor(set), SeededBugs = bugs };
        RtBoot.Register(programs, config);
        var machine = Machine.Boot(system, new MachineConfig { CpuCount = cpus }, programs);
        RtBoot.Start(machine);
        var result = machine.RunUntilThreadsEnd(Duration.FromSeconds(30));
        return result.Outcome == RunOutcome.ConditionMet ? config.Report : null;
    }

    /// <summary>The run of <paramref name="s"/>'s report, asserting that the run ended.</summary>
    public static RtReport Ended(TaskSet s, RunMode mode, RtSeededBugs bugs, int cpus)
    {
        var report = Run(s.Tasks, mode, bugs, cpus);
        Assert.True(report is not null, $"run did not end ({mode}, {s})");
        return report;
    }

    /// <summary>At least one miss (<paramref name="noMiss"/> names the failure) and every job completed.</summary>
    public static void AssertMissesNoJobLost(RtReport report, TaskSet s, RunMode mode, string noMiss)
    {
        Assert.True(report.TotalMisses >= 1, $"{noMiss} ({mode}, {s})");
        Assert.True(report.Tasks.All(t => t.Completions == t.Spec.Jobs), $"jobs lost ({mode}, {s})");
    }

    /// <summary>Checks <paramref name="verify"/> on <paramref name="maxTest"/> generated sets, each run under the controlled dispatcher with a generated seed.</summary>
    public static void CheckControlled(Arbitrary<TaskSet> sets, Action<TaskSet, RunMode, RtSeededBugs> verify, int maxTest) =>
        PropCheck.Check(Prop.ForAll(sets, RunMode.Seeds.ToArbitrary(), (s, seed) => verify(s, RunMode.Controlled(seed), RtSeededBugs.None)), maxTest: maxTest);

    /// <summary>Checks <paramref name="verify"/> on <paramref name="maxTest"/> generated sets, each run under a parallel dispatcher mode.</summary>
    public static void CheckParallel(Arbitrary<TaskSet> sets, Action<TaskSet, RunMode, RtSeededBugs> verify, int maxTest) =>
        PropCheck.Check(Prop.ForAll(sets, RunMode.ParallelModes.ToArbitrary(), (s, mode) => verify(s, mode, RtSeededBugs.None)), maxTest: maxTest);

    /// <summary>With <paramref name="bug"/> seeded in the server, the property fails within 10 controlled cases (fixed replay) with <paramref name="expected"/> in its message.</summary>
    public static void AssertSeededBugFound(Arbitrary<TaskSet> sets, Action<TaskSet, RunMode, RtSeededBugs> verify, RtSeededBugs bug, string expected)
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(sets, RunMode.Seeds.ToArbitrary(), (s, seed) =>
            verify(s, RunMode.Controlled(seed), bug)), maxTest: 10, replay: "4242,7777"));
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }
}
