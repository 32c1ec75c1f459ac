using MachActors.Personalities.Rt;
using MachActors.Personalities.Rt.Analysis;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Rt;

/// <summary>The executive on two CPUs: tasks bound to the CPUs first-fit decreasing gives them, as the per-CPU analysis assumes.</summary>
public sealed partial class RtMachineTests
{
    /// <summary>U = 1.8: a (4 of 10) and b (5 of 10) on cpu1, c (18 of 20) alone on cpu0 (RtAnalysisTests has the hand computation).</summary>
    private static RtTaskSpec[] TwoCpuSet() => [RtKit.Task("a", 10, 4, 7, 8), RtKit.Task("b", 10, 5, 8, 8), RtKit.Task("c", 20, 18, 9, 4)];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TwoCpus_SetTheAnalysisAccepts_BoundToItsCpusAndMeetsEveryDeadline(DispatcherKind kind)
    {
        var set = TwoCpuSet();
        Assert.True(RtAnalysis.Schedulable(set, 2));
        using var kit = new RtKit(set, kind, cpus: 2);

        kit.Run();

        Assert.True(kit.Report.Finished);
        Assert.Equal([1, 1, 0], kit.Report.Tasks.Select(t => t.Cpu));
        Assert.All(kit.Report.Tasks, t => Assert.True(t.AllMet, $"{t.Spec.Name}: {t.Misses} missed"));
        var analysed = RtAnalysis.ResponseTimes(set, [1, 1, 0]);
        for (var i = 0; i < set.Length; i++)
        {
            var worst = kit.Report.Tasks[i].WorstResponse;
            Assert.InRange(worst.Nanoseconds, analysed[i]!.Value.Nanoseconds, analysed[i]!.Value.Nanoseconds + Duration.FromMilliseconds(1).Nanoseconds);
        }
        Assert.Contains("2 CPUs, partitioned (first-fit decreasing): cpu0 0.900, cpu1 0.900; response-time analysis per CPU: schedulable", kit.Report.Format());
    }

    /// <summary>
    /// The same set with the threads left unbound (seeded): the kernel's global queue lets a and b
    /// take both CPUs at each release and c, the longest job, loses its CPU every 10 ms: it misses, which
    /// the partitioned run avoids.
    /// </summary>
    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TwoCpus_ThreadsLeftUnbound_GlobalSchedulingMissesWhatThePartitionMeets(DispatcherKind kind)
    {
        using var kit = new RtKit(new RtConfig { Main = RtBoot.MainFor(TwoCpuSet()), SeededBugs = RtSeededBugs.NoBinding }, kind, cpus: 2);

        kit.Run();

        Assert.True(kit.Report.Tasks[2].Misses > 0);
        Assert.Equal(0, kit.Report.Tasks[0].Misses);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TwoCpus_SetTheAnalysisRejects_MissesWhereThePerCpuSimulationSays(DispatcherKind kind)
    {
        // Three 6-of-10 tasks (U = 1.8): c fits beside neither a nor b and shares cpu0 with a, behind it.
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 10), RtKit.Task("b", 10, 6, 8, 10), RtKit.Task("c", 10, 6, 9, 10)];
        var cpus = RtAnalysis.FirstFitDecreasing(set, 2);
        Assert.False(RtAnalysis.Schedulable(set, cpus));
        var expected = RtAnalysis.SimulateMisses(set, cpus);
        Assert.Equal([0, 0, 10], expected);
        using var kit = new RtKit(set, kind, cpus: 2);

        kit.Run();

        Assert.Equal(expected, kit.Report.Tasks.Select(t => t.Misses));
        Assert.Equal([0, 1, 0], kit.Report.Tasks.Select(t => t.Cpu));
        Assert.Contains("response-time analysis per CPU: may miss", kit.Report.Format());
    }
}
