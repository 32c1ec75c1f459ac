namespace MachActors.Personalities.Rt.Analysis;

/// <summary>
/// Partitioned multiprocessor analysis (docs/RT.md, "Several CPUs"): the executive binds each task's
/// thread to one CPU (thread_bind: that CPU's local run queue), so each CPU is a uniprocessor running
/// fixed priorities and the one-CPU analysis holds per CPU. The assignment is first-fit decreasing by
/// utilisation with response-time analysis as the fit test; it is deterministic (ties in set order, then
/// the lowest CPU).
/// </summary>
public static partial class RtAnalysis
{
    /// <summary>
    /// First-fit decreasing: the tasks in order of decreasing utilisation (ties: set order), each onto
    /// the lowest CPU where it and the tasks already there all pass response-time analysis; a task that
    /// fits nowhere goes to the least-utilised CPU (then <see cref="Schedulable(IReadOnlyList{RtTaskSpec}, IReadOnlyList{int})"/>
    /// says false). The CPU of each task, by task index.
    /// </summary>
    public static IReadOnlyList<int> FirstFitDecreasing(IReadOnlyList<RtTaskSpec> set, int cpus)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpus, 1);
        var result = new int[set.Count];
        var placed = new List<RtTaskSpec>();
        var placedCpus = new List<int>();
        foreach (var i in Enumerable.Range(0, set.Count).OrderByDescending(i => set[i].Utilisation).ThenBy(i => i))
        {
            result[i] = FirstFit(placed, placedCpus, set[i], cpus);
            placed.Add(set[i]);
            placedCpus.Add(result[i]);
        }
        return result;
    }

    /// <summary>
    /// First fit of one more task beside <paramref name="placed"/> (bound to <paramref name="placedCpus"/>):
    /// the lowest CPU where <paramref name="next"/> and the tasks already there all pass response-time
    /// analysis, else the least-utilised CPU (lowest on ties).
    /// </summary>
    public static int FirstFit(IReadOnlyList<RtTaskSpec> placed, IReadOnlyList<int> placedCpus, RtTaskSpec next, int cpus)
    {
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(placedCpus);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpus, 1);
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            List<RtTaskSpec> there = [.. placed.Where((_, j) => placedCpus[j] == cpu), next];
            if (Schedulable(there)) return cpu;
        }
        var load = CpuUtilisations(placed, placedCpus, cpus);
        return Enumerable.Range(0, cpus).MinBy(cpu => load[cpu]);
    }

    /// <summary>Each CPU's utilisation (the sum over the tasks bound to it), CPUs 0..<paramref name="cpus"/> - 1.</summary>
    public static IReadOnlyList<double> CpuUtilisations(IReadOnlyList<RtTaskSpec> set, IReadOnlyList<int> cpuOf, int cpus)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(cpuOf);
        var load = new double[cpus];
        for (var i = 0; i < set.Count; i++) load[cpuOf[i]] += set[i].Utilisation;
        return load;
    }

    /// <summary>Every task's response time on its CPU is within its deadline (<see cref="ResponseTimes(IReadOnlyList{RtTaskSpec}, IReadOnlyList{int})"/>).</summary>
    public static bool Schedulable(IReadOnlyList<RtTaskSpec> set, IReadOnlyList<int> cpuOf) => ResponseTimes(set, cpuOf).All(r => r is not null);

    /// <summary>Whether the set passes on <paramref name="cpus"/> CPUs as the executive places it (<see cref="FirstFitDecreasing"/>, then per-CPU response-time analysis).</summary>
    public static bool Schedulable(IReadOnlyList<RtTaskSpec> set, int cpus) => Schedulable(set, FirstFitDecreasing(set, cpus));

    /// <summary>The exact schedule of <see cref="SimulateMisses(IReadOnlyList{RtTaskSpec})"/> run on each CPU with its own tasks: per task, its late jobs.</summary>
    public static IReadOnlyList<int> SimulateMisses(IReadOnlyList<RtTaskSpec> set, IReadOnlyList<int> cpuOf)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(cpuOf);
        var misses = new int[set.Count];
        foreach (var cpu in cpuOf.Distinct())
        {
            var mine = Enumerable.Range(0, set.Count).Where(i => cpuOf[i] == cpu).ToList();
            var counted = SimulateMisses([.. mine.Select(i => set[i])]);
            for (var k = 0; k < mine.Count; k++) misses[mine[k]] = counted[k];
        }
        return misses;
    }
}
